//! The checks of each intrinsic function's arguments: shape, and the names inside
//! `Fn::GetAtt`, `Fn::Sub`, `Fn::If` and `Fn::FindInMap`.

use super::super::intrinsics::{Call, Func, long_call, sub_variables};
use super::super::{closest, docs, pos_in_string};
use super::{Origin, Walker};
use crate::doc::{Node, Value};
use crate::lint::Finding;

impl<'a> Walker<'_, 'a> {
    pub(super) fn shape(&mut self, call: &Call<'a>, expected: &str) {
        self.out.push(
            Finding::error(
                "cfn/intrinsic-shape",
                call.arg.pos,
                format!("{} takes {expected}", call.spelled),
            )
            .doc(&call.doc()),
        );
    }

    pub(super) fn call(&mut self, call: &Call<'a>) {
        let items = call.arg.items();
        let is_list = matches!(call.arg.value, Value::Seq(_));
        match call.func {
            Func::Ref => match call.arg.as_str().filter(|s| !s.is_empty()) {
                Some(name) => self.reference(name, call.arg.pos, Origin::Ref),
                None => self.shape(call, "the name of a parameter or resource"),
            },
            Func::GetAtt => self.get_att(call),
            Func::Sub => self.sub(call),
            Func::If => {
                if !is_list || items.len() != 3 || items[0].as_str().is_none() {
                    self.shape(call, "[condition name, value if true, value if false]");
                    return self.walk_arg(call);
                }
                if let Some(name) = items[0].as_str() {
                    self.condition_name(name, items[0].pos);
                }
                self.walk(&items[1], false);
                self.walk(&items[2], false);
            }
            Func::And | Func::Or | Func::Not => {
                let ok = if call.func == Func::Not {
                    items.len() == 1
                } else {
                    (2..=10).contains(&items.len())
                };
                if !is_list || !ok {
                    let expected = if call.func == Func::Not {
                        "a list of exactly one condition"
                    } else {
                        "a list of 2 to 10 conditions"
                    };
                    self.shape(call, expected);
                }
                for item in items {
                    self.walk(item, true);
                }
            }
            Func::Condition => match call.arg.as_str() {
                Some(name) => self.condition_name(name, call.arg.pos),
                None => self.shape(call, "the name of a condition"),
            },
            Func::Equals => self.fixed(call, 2, "a list of two values to compare"),
            Func::Join => {
                if !is_list || items.len() != 2 || items[0].as_str().is_none() {
                    self.shape(call, "[delimiter, list of values]");
                }
                self.walk_arg(call);
            }
            Func::Select => self.fixed(call, 2, "[index, list]"),
            Func::Split => self.fixed(call, 2, "[delimiter, string]"),
            Func::Cidr => self.fixed(call, 3, "[ip block, count, cidr bits]"),
            Func::FindInMap => self.find_in_map(call),
            Func::GetAZs => {
                let bad_map =
                    matches!(call.arg.value, Value::Map(_)) && long_call(call.arg, false).is_none();
                if is_list || bad_map {
                    self.shape(call, "a Region name, `''` for the stack's Region, or a Ref");
                }
                self.walk_arg(call);
            }
            Func::ImportValue
            | Func::Base64
            | Func::Transform
            | Func::Length
            | Func::ToJsonString => {
                self.walk_arg(call);
            }
        }
    }

    fn fixed(&mut self, call: &Call<'a>, n: usize, expected: &str) {
        if !matches!(call.arg.value, Value::Seq(_)) || call.arg.items().len() != n {
            self.shape(call, expected);
        }
        self.walk_arg(call);
    }

    fn get_att(&mut self, call: &Call<'a>) {
        let arg = call.arg;
        match &arg.value {
            Value::Str(s) => match s.split_once('.') {
                Some((res, attr)) if !res.is_empty() && !attr.is_empty() => {
                    self.attribute(res, Some(attr), arg.pos, Origin::GetAtt);
                }
                _ => self.shape(call, "`Resource.Attribute` or [Resource, Attribute]"),
            },
            Value::Seq(items) if items.len() == 2 => {
                let Some(res) = items[0].as_str().filter(|_| items[0].tag.is_none()) else {
                    self.shape(
                        call,
                        "a resource's logical id written out as its first item",
                    );
                    return;
                };
                match items[1].as_str().filter(|_| items[1].tag.is_none()) {
                    Some(attr) => self.attribute(res, Some(attr), items[0].pos, Origin::GetAtt),
                    None => {
                        self.attribute(res, None, items[0].pos, Origin::GetAtt);
                        self.walk(&items[1], false);
                    }
                }
            }
            _ => self.shape(call, "`Resource.Attribute` or [Resource, Attribute]"),
        }
    }

    fn sub(&mut self, call: &Call<'a>) {
        let arg = call.arg;
        let (text_node, vars) = match &arg.value {
            Value::Str(_) => (arg, None),
            Value::Seq(items)
                if items.len() == 2
                    && items[0].as_str().is_some()
                    && matches!(items[1].value, Value::Map(_)) =>
            {
                (&items[0], Some(&items[1]))
            }
            _ => {
                self.shape(call, "a string, or [string, {Name: value, ...}]");
                return self.walk_arg(call);
            }
        };
        let names: Vec<&str> = vars
            .map(|v| v.entries().iter().map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default();
        if let Some(vars) = vars {
            for (_, value) in vars.entries() {
                self.walk(value, false);
            }
        }
        let Some(text) = text_node.as_str() else {
            return;
        };
        for (offset, var) in sub_variables(text) {
            if names.contains(&var) {
                continue;
            }
            let pos = pos_in_string(self.tpl, text_node, text, offset);
            match var.split_once('.') {
                Some((res, attr)) if !var.starts_with("AWS::") => {
                    self.attribute(res, Some(attr), pos, Origin::Sub);
                }
                _ => self.reference(var, pos, Origin::Sub),
            }
        }
    }

    fn find_in_map(&mut self, call: &Call<'a>) {
        let items = call.arg.items();
        let with_default = items.len() == 4 && self.tpl.language_extensions;
        if !matches!(call.arg.value, Value::Seq(_)) || !(items.len() == 3 || with_default) {
            self.shape(call, "[MapName, TopLevelKey, SecondLevelKey]");
            return self.walk_arg(call);
        }
        for item in items {
            self.walk(item, false);
        }
        let literal = |n: &'a Node| {
            n.as_scalar_string()
                .filter(|_| n.tag.is_none() && n.entries().is_empty())
        };
        let Some(map_name) = literal(&items[0]) else {
            return;
        };
        let map = self.tpl.mappings.and_then(|m| m.get(&map_name));
        let Some(map) = map else {
            let hint = self
                .tpl
                .mappings
                .and_then(|m| closest(&map_name, m.entries().iter().map(|(k, _)| k.as_str())))
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default();
            self.out.push(
                Finding::error(
                    "cfn/mapping-target",
                    items[0].pos,
                    format!("there is no mapping named `{map_name}` in Mappings{hint}"),
                )
                .doc(docs::FIND_IN_MAP),
            );
            return;
        };
        if with_default {
            return;
        }
        let Some(top) = literal(&items[1]) else {
            return;
        };
        let Some(level) = map.get(&top) else {
            self.out.push(
                Finding::error(
                    "cfn/mapping-target",
                    items[1].pos,
                    format!("the mapping `{map_name}` has no key `{top}`"),
                )
                .doc(docs::MAPPINGS),
            );
            return;
        };
        if let Some(second) = literal(&items[2])
            && level.get(&second).is_none()
        {
            self.out.push(
                Finding::error(
                    "cfn/mapping-target",
                    items[2].pos,
                    format!("`{map_name}.{top}` has no key `{second}`"),
                )
                .doc(docs::MAPPINGS),
            );
        }
    }
}
