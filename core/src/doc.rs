//! A small document tree with line numbers, loaded from YAML (and so from JSON).
//!
//! Front matter, quiz blocks and learners' configuration files all end up here. The
//! loader is iterative and bounded: nesting depth, node count (which also defeats alias
//! "billion laughs" bombs, since aliases are expanded) and input size are all capped, so
//! hostile input gets an error instead of a hang, a stack overflow or gigabytes of memory.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// Caps on what [`parse_yaml`] accepts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Most nodes in the loaded tree, counting every expansion of an alias.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 * 1024,
            max_depth: 64,
            max_nodes: 100_000,
        }
    }
}

/// Where a node starts, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

/// One node of a loaded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// A local tag such as `!Ref` (with its `!`), when present.
    pub tag: Option<String>,
    /// Where the node starts in the source.
    pub pos: Pos,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing at all.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Any other scalar; quoted scalars are always strings.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order. Keys are kept as strings.
    Map(Vec<(String, Node)>),
}

/// Why a document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {}, column {}: {message}", pos.line, pos.col)]
pub struct DocError {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong, for a person.
    pub message: String,
}

impl DocError {
    fn at(pos: Pos, message: impl Into<String>) -> Self {
        DocError {
            pos,
            message: message.into(),
        }
    }
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

impl Node {
    /// The string of a scalar node, whatever its type (`8080` gives `"8080"`).
    pub fn as_scalar_string(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// The string of a string node.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a mapping's key, if this is a mapping and has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The mapping's entries, or an empty slice for anything else.
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The sequence's items, or an empty slice for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// A short name of the node's type, for messages ("a string", "a list", ...).
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a whole number",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let looks_numeric = text
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.');
    if looks_numeric {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
        if let Some(hex) = text.strip_prefix("0x")
            && let Ok(i) = i64::from_str_radix(hex, 16)
        {
            return Value::Int(i);
        }
        if let Some(oct) = text.strip_prefix("0o")
            && let Ok(i) = i64::from_str_radix(oct, 8)
        {
            return Value::Int(i);
        }
        let float_chars = text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
        if float_chars
            && text.bytes().any(|b| b.is_ascii_digit())
            && let Ok(f) = text.parse::<f64>()
        {
            return Value::Float(f);
        }
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        _ => Value::Str(text.to_owned()),
    }
}

/// A container being filled while events arrive.
enum Open {
    Seq {
        node: Node,
        anchor: usize,
    },
    Map {
        node: Node,
        anchor: usize,
        key: Option<String>,
    },
}

/// Loads the first document of a YAML (or JSON) text.
///
/// An empty document loads as [`Value::Null`]. Duplicate mapping keys are an error, as
/// they are in CloudFormation and almost always a mistake.
pub fn parse_yaml(src: &str, limits: Limits) -> Result<Node, DocError> {
    if src.len() > limits.max_bytes {
        return Err(DocError::at(
            Pos { line: 1, col: 1 },
            format!(
                "the document is {} KB; the limit is {} KB",
                src.len() / 1024,
                limits.max_bytes / 1024
            ),
        ));
    }
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut nodes = 0usize;
    let mut root: Option<Node> = None;
    let mut weight: HashMap<usize, usize> = HashMap::new();

    for item in Parser::new_from_str(src) {
        let (event, span) = item.map_err(|e| {
            DocError::at(
                Pos {
                    line: e.marker().line(),
                    col: e.marker().col() + 1,
                },
                if e.info().contains("recursion limit") {
                    format!("nesting is deeper than the parser allows ({})", e.info())
                } else {
                    e.info().to_owned()
                },
            )
        })?;
        let pos = pos_of(&span);
        let is_seq = matches!(event, Event::SequenceStart(..));
        let finished: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => None,
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(DocError::at(pos, "this alias refers to an unknown anchor"));
                };
                nodes += weight.get(&id).copied().unwrap_or(1);
                if nodes > limits.max_nodes {
                    return Err(DocError::at(
                        pos,
                        format!(
                            "the document expands to more than {} values (too many aliases?)",
                            limits.max_nodes
                        ),
                    ));
                }
                let mut copy = target.clone();
                copy.pos = pos;
                Some((copy, 0))
            }
            Event::Scalar(text, style, anchor, tag) => {
                nodes += 1;
                let tag = tag.and_then(|t| local_tag(&t));
                let value = if style == ScalarStyle::Plain && tag.is_none() {
                    resolve_plain(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                Some((Node { value, tag, pos }, anchor))
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                nodes += 1;
                if stack.len() >= limits.max_depth {
                    return Err(DocError::at(
                        pos,
                        format!("nesting is deeper than {} levels", limits.max_depth),
                    ));
                }
                let tag = tag.and_then(|t| local_tag(&t));
                stack.push(if is_seq {
                    Open::Seq {
                        node: Node {
                            value: Value::Seq(Vec::new()),
                            tag,
                            pos,
                        },
                        anchor,
                    }
                } else {
                    Open::Map {
                        node: Node {
                            value: Value::Map(Vec::new()),
                            tag,
                            pos,
                        },
                        anchor,
                        key: None,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq { node, anchor }) | Some(Open::Map { node, anchor, .. }) => {
                    Some((node, anchor))
                }
                None => None,
            },
        };
        if nodes > limits.max_nodes {
            return Err(DocError::at(
                pos,
                format!("the document has more than {} values", limits.max_nodes),
            ));
        }
        let Some((node, anchor)) = finished else {
            continue;
        };
        if anchor != 0 {
            weight.insert(anchor, count_nodes(&node));
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => {
                if root.is_none() {
                    root = Some(node);
                }
            }
            Some(Open::Seq { node: seq, .. }) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Some(Open::Map { node: map, key, .. }) => match key.take() {
                None => {
                    let Some(k) = node
                        .as_scalar_string()
                        .or_else(|| matches!(node.value, Value::Null).then(|| "null".to_owned()))
                    else {
                        return Err(DocError::at(
                            node.pos,
                            "a mapping key must be a plain value, not a list or mapping",
                        ));
                    };
                    if map.entries().iter().any(|(existing, _)| *existing == k) {
                        return Err(DocError::at(
                            node.pos,
                            format!("the key `{k}` appears twice in the same mapping"),
                        ));
                    }
                    *key = Some(k);
                }
                Some(k) => {
                    if let Value::Map(entries) = &mut map.value {
                        entries.push((k, node));
                    }
                }
            },
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        tag: None,
        pos: Pos { line: 1, col: 1 },
    }))
}

/// Keeps local tags (`!Ref`) and drops core-schema ones (`!!str`), whose meaning the
/// loader already applies by keeping the scalar a string.
fn local_tag(tag: &saphyr_parser::Tag) -> Option<String> {
    (tag.handle == "!").then(|| format!("!{}", tag.suffix))
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.value {
            Value::Seq(items) => todo.extend(items.iter()),
            Value::Map(entries) => todo.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(src: &str) -> Result<Node, DocError> {
        parse_yaml(src, Limits::default())
    }

    #[test]
    fn scalars_resolve_by_the_core_schema_and_quotes_keep_strings() {
        let doc = load("a: 1\nb: '1'\nc: true\nd: ~\ne: 2.5\nf: hello\ng: 0.2\n").unwrap();
        assert_eq!(doc.get("a").unwrap().value, Value::Int(1));
        assert_eq!(doc.get("b").unwrap().value, Value::Str("1".into()));
        assert_eq!(doc.get("c").unwrap().value, Value::Bool(true));
        assert_eq!(doc.get("d").unwrap().value, Value::Null);
        assert_eq!(doc.get("e").unwrap().value, Value::Float(2.5));
        assert_eq!(doc.get("f").unwrap().as_str(), Some("hello"));
        assert_eq!(doc.get("g").unwrap().value, Value::Float(0.2));
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let doc = load("first: 1\nsecond:\n  - x\n  - y\n").unwrap();
        let second = doc.get("second").unwrap();
        assert_eq!(second.items()[1].pos, Pos { line: 4, col: 5 });
    }

    #[test]
    fn cloudformation_short_tags_are_kept() {
        let doc = load("A: !Ref Bucket\nB: !GetAtt [Fn, Arn]\nC: !Sub '${AWS::Region}'\n").unwrap();
        assert_eq!(doc.get("A").unwrap().tag.as_deref(), Some("!Ref"));
        assert_eq!(doc.get("B").unwrap().tag.as_deref(), Some("!GetAtt"));
        assert_eq!(doc.get("B").unwrap().items().len(), 2);
        assert_eq!(doc.get("C").unwrap().as_str(), Some("${AWS::Region}"));
    }

    #[test]
    fn json_loads_as_yaml_flow() {
        let doc = load(r#"{"family": "web", "cpu": "256", "n": 3, "ok": false}"#).unwrap();
        assert_eq!(doc.get("family").unwrap().as_str(), Some("web"));
        assert_eq!(doc.get("cpu").unwrap().as_str(), Some("256"));
        assert_eq!(doc.get("n").unwrap().value, Value::Int(3));
    }

    #[test]
    fn duplicate_keys_are_an_error_with_their_line() {
        let err = load("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.pos.line, 3);
        assert!(err.message.contains("`a` appears twice"));
    }

    #[test]
    fn an_alias_bomb_is_refused_quickly() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = load(&src).unwrap_err();
        assert!(err.message.contains("more than"), "{err}");
    }

    #[test]
    fn ten_thousand_deep_nesting_is_refused() {
        let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = load(&src).unwrap_err();
        assert!(err.message.contains("nesting"), "{err}");
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let src = "a: b\n".repeat(100_000);
        let err = load(&src).unwrap_err();
        assert!(err.message.contains("limit"), "{err}");
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = load("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.pos.line >= 1);
        assert!(!err.message.is_empty());
    }

    #[test]
    fn an_empty_document_is_null() {
        assert_eq!(load("").unwrap().value, Value::Null);
        assert_eq!(load("# only a comment\n").unwrap().value, Value::Null);
    }
}
