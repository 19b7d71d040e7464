//! Reading a number a learner typed into a TOML or YAML answer.

use crate::doc::{Node, Value};

/// A finite number from a TOML/YAML value: a number, or a string such as `"12,5"`,
/// `"12.5 %"` or `" 3 "` (a decimal comma is read as a point).
pub(crate) fn number_of(node: &Node) -> Option<f64> {
    match &node.value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f).filter(|f| f.is_finite()),
        Value::Str(s) => read_number(s),
        Value::Null | Value::Bool(_) | Value::Seq(_) | Value::Map(_) => None,
    }
}

fn read_number(text: &str) -> Option<f64> {
    if text.len() > 64 {
        return None;
    }
    let s = text.trim();
    let s = s.strip_suffix('%').unwrap_or(s).trim_end();
    let s = if s.contains('.') {
        s.to_owned()
    } else {
        s.replacen(',', ".", 1)
    };
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    plain
        .then(|| s.parse::<f64>().ok())
        .flatten()
        .filter(|x| x.is_finite())
}
