//! Intrinsic functions, short (`!Ref`) and long (`{"Ref": ...}`): recognising them,
//! refusing unknown tags, and reading `${...}` out of `Fn::Sub` strings. The checks of
//! each use live in [`super::walker`].

use super::docs;
use crate::doc::Node;
use crate::lint::Finding;

/// The intrinsic functions (and `Condition`) a template may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Func {
    Ref,
    Sub,
    GetAtt,
    Join,
    If,
    Select,
    Split,
    FindInMap,
    ImportValue,
    Base64,
    Cidr,
    GetAZs,
    Equals,
    And,
    Or,
    Not,
    Condition,
    Transform,
    Length,
    ToJsonString,
}

/// Short tag, long key, function, and its documentation page suffix.
const FUNCS: &[(&str, &str, Func, &str)] = &[
    ("!Ref", "Ref", Func::Ref, "ref"),
    ("!Sub", "Fn::Sub", Func::Sub, "sub"),
    ("!GetAtt", "Fn::GetAtt", Func::GetAtt, "getatt"),
    ("!Join", "Fn::Join", Func::Join, "join"),
    ("!If", "Fn::If", Func::If, "conditions"),
    ("!Select", "Fn::Select", Func::Select, "select"),
    ("!Split", "Fn::Split", Func::Split, "split"),
    ("!FindInMap", "Fn::FindInMap", Func::FindInMap, "findinmap"),
    (
        "!ImportValue",
        "Fn::ImportValue",
        Func::ImportValue,
        "importvalue",
    ),
    ("!Base64", "Fn::Base64", Func::Base64, "base64"),
    ("!Cidr", "Fn::Cidr", Func::Cidr, "cidr"),
    (
        "!GetAZs",
        "Fn::GetAZs",
        Func::GetAZs,
        "getavailabilityzones",
    ),
    ("!Equals", "Fn::Equals", Func::Equals, "conditions"),
    ("!And", "Fn::And", Func::And, "conditions"),
    ("!Or", "Fn::Or", Func::Or, "conditions"),
    ("!Not", "Fn::Not", Func::Not, "conditions"),
    ("!Condition", "Condition", Func::Condition, "conditions"),
    ("!Transform", "Fn::Transform", Func::Transform, "transform"),
    ("!Length", "Fn::Length", Func::Length, "length"),
    (
        "!ToJsonString",
        "Fn::ToJsonString",
        Func::ToJsonString,
        "tojsonstring",
    ),
];

/// One use of a function. For the short form `arg` is the tagged node itself.
pub(super) struct Call<'a> {
    /// Which function.
    pub func: Func,
    /// Its argument (for the short form, the tagged node itself).
    pub arg: &'a Node,
    /// Written as a `!Tag` rather than `Fn::Name:`.
    pub tagged: bool,
    /// How the learner wrote it (`!Ref`, `Fn::Sub`), for messages.
    pub spelled: &'static str,
    doc_page: &'static str,
}

impl Call<'_> {
    /// The function's page in the Template Reference.
    pub(super) fn doc(&self) -> String {
        format!(
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-{}.html",
            self.doc_page
        )
    }
}

/// The function `node` calls, if it is one. `{"Condition": name}` only counts where a
/// condition is expected (`condition_context`): elsewhere `Condition` is a plain key.
pub(super) fn call_of(node: &Node, condition_context: bool) -> Option<Call<'_>> {
    if let Some(tag) = &node.tag
        && let Some(&(short, _, func, page)) = FUNCS.iter().find(|f| f.0 == tag)
    {
        return Some(Call {
            func,
            arg: node,
            tagged: true,
            spelled: short,
            doc_page: page,
        });
    }
    long_call(node, condition_context)
}

pub(super) fn long_call(node: &Node, condition_context: bool) -> Option<Call<'_>> {
    let [(key, arg)] = node.entries() else {
        return None;
    };
    let &(_, long, func, page) = FUNCS.iter().find(|f| f.1 == key)?;
    if func == Func::Condition && !condition_context {
        return None;
    }
    Some(Call {
        func,
        arg,
        tagged: false,
        spelled: long,
        doc_page: page,
    })
}

pub(super) fn children(node: &Node) -> impl Iterator<Item = &Node> {
    node.items()
        .iter()
        .chain(node.entries().iter().map(|(_, v)| v))
}

/// Reports every YAML tag that is not a CloudFormation short form.
pub(super) fn check_tags(root: &Node, out: &mut Vec<Finding>) {
    let mut todo = vec![root];
    while let Some(node) = todo.pop() {
        if let Some(tag) = &node.tag
            && !FUNCS.iter().any(|f| f.0 == tag)
        {
            let hint = FUNCS
                .iter()
                .find(|f| f.0.eq_ignore_ascii_case(tag))
                .map(|f| format!(" Tags are case-sensitive: did you mean {}?", f.0))
                .unwrap_or_default();
            out.push(
                Finding::error(
                    "cfn/unknown-tag",
                    node.pos,
                    format!(
                        "`{tag}` is not a CloudFormation function.{hint} The short forms are {}.",
                        FUNCS.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
                    ),
                )
                .doc(docs::FUNCTIONS),
            );
        }
        todo.extend(children(node));
    }
}

/// The `${...}` variables of a `Fn::Sub` string with their byte offsets, skipping the
/// `${!Literal}` escapes.
pub(super) fn sub_variables(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(start) = text[rest..].find("${").map(|i| rest + i) {
        let body_start = start + 2;
        let Some(len) = text[body_start..].find('}') else {
            break;
        };
        let body = &text[body_start..body_start + len];
        rest = body_start + len + 1;
        if body.starts_with('!') {
            continue;
        }
        found.push((start, body.trim()));
    }
    found
}
