//! The walk over resources, outputs and conditions: every function met is checked,
//! every name it uses resolved, and resource dependencies recorded for the cycle check.

use super::intrinsics::{Call, call_of, children, long_call};
use super::{PSEUDO_PARAMETERS, Resource, Template, closest, docs, spec};
use crate::doc::{Node, Pos, Value};
use crate::lint::Finding;

mod functions;

/// Where a name was used, to pick the rule and words of a finding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Ref,
    GetAtt,
    Sub,
}

impl Origin {
    fn rule(self) -> &'static str {
        match self {
            Origin::Ref => "cfn/ref-target",
            Origin::GetAtt => "cfn/getatt-target",
            Origin::Sub => "cfn/sub-variable",
        }
    }

    fn doc(self) -> &'static str {
        match self {
            Origin::Ref => docs::REF,
            Origin::GetAtt => docs::GETATT,
            Origin::Sub => docs::SUB,
        }
    }
}

/// Unresolved names get a "did you mean" hint only this many times, which keeps a
/// hostile template with thousands of broken references linear.
const MAX_HINTS: usize = 20;

/// Visits functions, checks them, and collects resource dependencies.
pub(super) struct Walker<'t, 'a> {
    tpl: &'t Template<'a>,
    out: &'t mut Vec<Finding>,
    edges: Vec<Vec<usize>>,
    owner: Option<usize>,
    in_conditions: bool,
    hints: usize,
}

impl<'t, 'a> Walker<'t, 'a> {
    pub(super) fn new(tpl: &'t Template<'a>, out: &'t mut Vec<Finding>) -> Self {
        Walker {
            tpl,
            out,
            edges: vec![Vec::new(); tpl.resources.len()],
            owner: None,
            in_conditions: false,
            hints: 0,
        }
    }

    /// The dependency edges found: resource index → resources it needs first.
    pub(super) fn into_edges(mut self) -> Vec<Vec<usize>> {
        for e in &mut self.edges {
            e.sort_unstable();
            e.dedup();
        }
        self.edges
    }

    /// Checks one resource: its `DependsOn`, `Condition` and every function inside.
    pub(super) fn resource(&mut self, index: usize, res: &Resource<'a>) {
        self.owner = Some(index);
        self.in_conditions = false;
        if let Some(deps) = res.node.get("DependsOn") {
            self.depends_on(index, res, deps);
        }
        if let Some(cond) = res.node.get("Condition") {
            self.condition_attribute(cond);
        }
        for key in ["Properties", "Metadata", "UpdatePolicy", "CreationPolicy"] {
            if let Some(node) = res.node.get(key) {
                self.walk(node, false);
            }
        }
        self.owner = None;
    }

    /// Checks one output: its `Condition` and the functions in it.
    pub(super) fn output(&mut self, output: &'a Node) {
        self.owner = None;
        self.in_conditions = false;
        if let Some(cond) = output.get("Condition") {
            self.condition_attribute(cond);
        }
        for (key, node) in output.entries() {
            if key != "Condition" {
                self.walk(node, false);
            }
        }
    }

    /// Checks one entry of `Conditions`.
    pub(super) fn condition(&mut self, node: &'a Node) {
        self.owner = None;
        self.in_conditions = true;
        self.walk(node, true);
        self.in_conditions = false;
    }

    fn depends_on(&mut self, index: usize, res: &Resource<'a>, deps: &'a Node) {
        let names: Vec<&Node> = match &deps.value {
            Value::Str(_) => vec![deps],
            Value::Seq(items) => items.iter().collect(),
            _ => Vec::new(),
        };
        if names.is_empty()
            || names
                .iter()
                .any(|n| n.as_str().is_none() || n.tag.is_some())
        {
            self.out.push(
                Finding::error(
                    "cfn/depends-on-target",
                    deps.pos,
                    "DependsOn must be a resource's logical id or a list of them, written out (no functions)",
                )
                .doc(docs::DEPENDS_ON),
            );
            return;
        }
        for n in names {
            let Some(name) = n.as_str() else { continue };
            match self.tpl.by_name.get(name) {
                Some(&target) => self.edges[index].push(target),
                None => {
                    let what = if self.tpl.params.contains_key(name) {
                        format!("`{name}` is a parameter; DependsOn lists resources only")
                    } else {
                        let hint = self
                            .hint(name, false)
                            .map(|h| format!(" (did you mean `{h}`?)"))
                            .unwrap_or_default();
                        format!(
                            "`{}` depends on `{name}`, but there is no resource by that name{hint}",
                            res.name
                        )
                    };
                    self.out.push(
                        Finding::error("cfn/depends-on-target", n.pos, what).doc(docs::DEPENDS_ON),
                    );
                }
            }
        }
    }

    fn condition_attribute(&mut self, cond: &Node) {
        match cond.as_str().filter(|_| cond.tag.is_none()) {
            Some(name) => self.condition_name(name, cond.pos),
            None => self.out.push(
                Finding::error(
                    "cfn/condition-target",
                    cond.pos,
                    "Condition must name an entry of the Conditions section",
                )
                .doc(docs::CONDITIONS),
            ),
        }
    }

    fn condition_name(&mut self, name: &str, pos: Pos) {
        if self.tpl.conditions.contains(name) {
            return;
        }
        let hint = closest(name, self.tpl.conditions.iter().copied())
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        let message = if self.tpl.conditions.is_empty() {
            format!("the condition `{name}` is used, but the template has no Conditions section")
        } else {
            format!("there is no condition named `{name}` in Conditions{hint}")
        };
        self.out
            .push(Finding::error("cfn/condition-target", pos, message).doc(docs::CONDITIONS));
    }

    fn walk(&mut self, node: &'a Node, condition_context: bool) {
        if let Some(call) = call_of(node, condition_context) {
            self.call(&call);
            return;
        }
        if let [(key, arg)] = node.entries()
            && key.starts_with("Fn::")
            && !key.starts_with("Fn::ForEach")
        {
            self.out.push(
                Finding::error(
                    "cfn/unknown-function",
                    node.pos,
                    format!("`{key}` is not a CloudFormation intrinsic function"),
                )
                .doc(docs::FUNCTIONS),
            );
            self.walk(arg, false);
            return;
        }
        for child in children(node) {
            self.walk(child, false);
        }
    }

    /// Walks a function's argument as a value (it may be a long-form call itself).
    fn walk_arg(&mut self, call: &Call<'a>) {
        if !call.tagged {
            self.walk(call.arg, false);
        } else if let Some(inner) = long_call(call.arg, false) {
            self.call(&inner);
        } else {
            for child in children(call.arg) {
                self.walk(child, false);
            }
        }
    }

    fn hint(&mut self, name: &str, with_params: bool) -> Option<&'a str> {
        if self.hints >= MAX_HINTS {
            return None;
        }
        self.hints += 1;
        let resources = self.tpl.resources.iter().map(|r| r.name);
        if with_params {
            closest(name, resources.chain(self.tpl.params.keys().copied()))
        } else {
            closest(name, resources)
        }
    }

    fn unresolved(&mut self, origin: Origin, pos: Pos, message: String) {
        let finding = if self.tpl.serverless {
            Finding::warning(
                origin.rule(),
                pos,
                format!("{message} (a SAM transform may create it; this linter cannot tell)"),
            )
        } else {
            Finding::error(origin.rule(), pos, message)
        };
        self.out.push(finding.doc(origin.doc()));
    }

    /// A `Ref` or a `${Name}`.
    fn reference(&mut self, name: &str, pos: Pos, origin: Origin) {
        if name.starts_with("AWS::") {
            if !PSEUDO_PARAMETERS.contains(&name) {
                self.out.push(
                    Finding::error(
                        origin.rule(),
                        pos,
                        format!(
                            "`{name}` is not a pseudo parameter; they are {}",
                            PSEUDO_PARAMETERS.join(", ")
                        ),
                    )
                    .doc(docs::PSEUDO),
                );
            }
            return;
        }
        if self.tpl.params.contains_key(name) {
            return;
        }
        if let Some(&target) = self.tpl.by_name.get(name) {
            self.depend(target, name, pos, origin);
            return;
        }
        let policy_variable = origin == Origin::Sub && name.contains(':');
        let hint = if policy_variable {
            format!(
                "; an IAM policy variable inside Fn::Sub must be escaped as `${{!{name}}}` so CloudFormation leaves it for IAM"
            )
        } else {
            self.hint(name, true)
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default()
        };
        let used = if origin == Origin::Sub {
            "`${"
        } else {
            "Ref `"
        };
        let close = if origin == Origin::Sub { "}`" } else { "`" };
        self.unresolved(
            origin,
            pos,
            format!("{used}{name}{close} names no parameter, resource or pseudo parameter{hint}"),
        );
    }

    /// A `Fn::GetAtt` or a `${Resource.Attribute}`.
    fn attribute(&mut self, res: &str, attr: Option<&str>, pos: Pos, origin: Origin) {
        let Some(&target) = self.tpl.by_name.get(res) else {
            let message = if self.tpl.params.contains_key(res) {
                format!(
                    "`{res}` is a parameter; attributes belong to resources (use Ref for a parameter's value)"
                )
            } else {
                let hint = self
                    .hint(res, false)
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                format!("there is no resource named `{res}` to read an attribute from{hint}")
            };
            return self.unresolved(origin, pos, message);
        };
        self.depend(target, res, pos, origin);
        let (Some(attr), Some(t)) = (attr, self.tpl.resources[target].type_name) else {
            return;
        };
        let Some(attrs) = spec::find(t).and_then(|s| s.attrs) else {
            return;
        };
        if !attrs.contains(&attr) {
            let hint = closest(attr, attrs.iter().copied())
                .map(|h| format!(" Did you mean `{h}`?"))
                .unwrap_or_default();
            self.out.push(
                Finding::error(
                    origin.rule(),
                    pos,
                    format!(
                        "{t} has no attribute `{attr}`.{hint} Its attributes are {}.",
                        attrs.join(", ")
                    ),
                )
                .doc(&spec::doc_url(t)),
            );
        }
    }

    fn depend(&mut self, target: usize, name: &str, pos: Pos, origin: Origin) {
        if self.in_conditions {
            self.out.push(
                Finding::error(
                    origin.rule(),
                    pos,
                    format!(
                        "conditions can only use parameters and pseudo parameters, not the resource `{name}`"
                    ),
                )
                .doc(docs::CONDITIONS),
            );
            return;
        }
        if let Some(owner) = self.owner {
            self.edges[owner].push(target);
        }
    }
}
