//! Evaluating a declarative check's assertion on the values its path reaches.
//!
//! Equality follows the rules of the module documentation: values, not spellings.

use super::path::{Reached, walk};
use super::{Assertion, DocPath, Quantifier, ValueType};
use crate::doc::{Node, Value};

/// Whether `assertion` holds on what `path` reaches from `root`, and on failure the line
/// to point the learner at.
pub(super) fn evaluate(
    root: &Node,
    path: &DocPath,
    assertion: &Assertion,
    quantifier: Quantifier,
) -> (bool, Option<usize>) {
    let reached = walk(root, path);
    let first_line = reached.first().map(|r| r.pos().line);
    match quantifier {
        Quantifier::All => match reached.iter().find(|r| !holds(assertion, r)) {
            None => (true, None),
            Some(failing) => (false, Some(failing.pos().line)),
        },
        Quantifier::Any => {
            if reached.iter().any(|r| holds(assertion, r)) {
                (true, None)
            } else {
                (false, first_line)
            }
        }
    }
}

fn holds(assertion: &Assertion, reached: &Reached<'_>) -> bool {
    let node = match reached {
        Reached::Found(node) => Some(*node),
        Reached::Missing(_) => None,
    };
    match assertion {
        Assertion::Exists => node.is_some(),
        Assertion::Absent => node.is_none(),
        Assertion::Equals(want) => node.is_some_and(|n| equals(n, want)),
        Assertion::OneOf(wants) => node.is_some_and(|n| wants.iter().any(|w| equals(n, w))),
        Assertion::Matches(re) => node
            .and_then(Node::as_scalar_string)
            .is_some_and(|s| re.is_match(&s)),
        Assertion::Type(t) => node.is_some_and(|n| has_type(n, *t)),
        Assertion::CountMin(min) => count(node) >= *min,
        Assertion::CountMax(max) => count(node) <= *max,
        Assertion::ContainsMatch(re) => node.is_some_and(|n| match &n.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(Node::as_scalar_string)
                .any(|s| re.is_match(&s)),
            _ => n.as_scalar_string().is_some_and(|s| re.is_match(&s)),
        }),
    }
}

fn has_type(node: &Node, t: ValueType) -> bool {
    matches!(
        (&node.value, t),
        (Value::Str(_), ValueType::String)
            | (Value::Int(_) | Value::Float(_), ValueType::Number)
            | (Value::Bool(_), ValueType::Bool)
            | (Value::Seq(_), ValueType::List)
            | (Value::Map(_), ValueType::Map)
            | (Value::Null, ValueType::Null)
    )
}

/// Items of a list or entries of a map; 0 for nothing or null, 1 for a scalar.
fn count(node: Option<&Node>) -> usize {
    match node.map(|n| &n.value) {
        None | Some(Value::Null) => 0,
        Some(Value::Seq(items)) => items.len(),
        Some(Value::Map(entries)) => entries.len(),
        Some(_) => 1,
    }
}

/// A number as read from a document or an author's value.
#[derive(Debug, Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn same(self, other: Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (a, b) => a.as_f64() == b.as_f64(),
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            // Precision loss past 2^53 only matters for numbers no exercise compares.
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

/// Reads a string as a number when the whole of it (trimmed) is one.
fn number_in(s: &str) -> Option<Number> {
    let s = s.trim();
    let numeric = s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && s.bytes().any(|b| b.is_ascii_digit());
    if !numeric {
        return None;
    }
    s.parse::<i64>()
        .map(Number::Int)
        .ok()
        .or_else(|| s.parse::<f64>().ok().map(Number::Float))
}

fn node_number(node: &Node) -> Option<Number> {
    match &node.value {
        Value::Int(i) => Some(Number::Int(*i)),
        Value::Float(f) => Some(Number::Float(*f)),
        Value::Str(s) => number_in(s),
        _ => None,
    }
}

fn node_bool(node: &Node) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        Value::Str(s) if s == "true" => Some(true),
        Value::Str(s) if s == "false" => Some(false),
        _ => None,
    }
}

/// Whether a document value equals an author's TOML value, by the documented rules.
pub(super) fn equals(node: &Node, want: &toml::Value) -> bool {
    match want {
        toml::Value::String(s) => match &node.value {
            Value::Str(have) => have == s,
            Value::Int(_) | Value::Float(_) => {
                number_in(s).is_some_and(|w| node_number(node).is_some_and(|h| h.same(w)))
            }
            Value::Bool(b) => s == if *b { "true" } else { "false" },
            Value::Null | Value::Seq(_) | Value::Map(_) => false,
        },
        toml::Value::Integer(i) => node_number(node).is_some_and(|h| h.same(Number::Int(*i))),
        toml::Value::Float(f) => node_number(node).is_some_and(|h| h.same(Number::Float(*f))),
        toml::Value::Boolean(b) => node_bool(node) == Some(*b),
        toml::Value::Datetime(d) => node.as_scalar_string() == Some(d.to_string()),
        toml::Value::Array(wants) => {
            let items = node.items();
            matches!(node.value, Value::Seq(_))
                && items.len() == wants.len()
                && items.iter().zip(wants).all(|(n, w)| equals(n, w))
        }
        toml::Value::Table(wants) => {
            let entries = node.entries();
            matches!(node.value, Value::Map(_))
                && entries.len() == wants.len()
                && entries
                    .iter()
                    .all(|(k, v)| wants.get(k).is_some_and(|w| equals(v, w)))
        }
    }
}
