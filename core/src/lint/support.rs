//! Small helpers shared by the linters: key positions, loose scalar reading,
//! CloudFormation intrinsics and secret detection.

use crate::doc::{Node, Pos, Value};
use crate::names::edit_distance;

/// How far above a value to look for its key: block mappings start at their first key,
/// so the key of a nested mapping sits a line (or a few comment lines) above it.
const KEY_SEARCH_LINES: usize = 30;

/// The source lines of a document, to place findings on keys rather than values.
pub(crate) struct Source<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Source<'a> {
    /// Splits `src` into lines once.
    pub(crate) fn new(src: &'a str) -> Self {
        Source {
            lines: src.lines().collect(),
        }
    }

    /// Where `key` is written for the value `value`: the nearest line at or above the
    /// value that starts with the key (plain, quoted, or after a list dash). Falls back
    /// to the value's own position.
    pub(crate) fn key_pos(&self, key: &str, value: &Node) -> Pos {
        let last = value.pos.line.min(self.lines.len());
        let first = last.saturating_sub(KEY_SEARCH_LINES).max(1);
        for line_no in (first..=last).rev() {
            let Some(line) = self.lines.get(line_no - 1) else {
                continue;
            };
            // On the value's own line the key must come before the value.
            let searchable = if line_no == value.pos.line {
                line.get(..value.pos.col.saturating_sub(1)).unwrap_or(line)
            } else {
                line
            };
            if let Some(col) = key_column(searchable, key) {
                return Pos { line: line_no, col };
            }
        }
        value.pos
    }

    /// The position of `key` in `map`, or of the mapping itself when it lacks the key.
    pub(crate) fn entry_pos(&self, map: &Node, key: &str) -> Pos {
        match map.get(key) {
            Some(v) => self.key_pos(key, v),
            None => map.pos,
        }
    }
}

/// The 1-based column where `key:` (or `"key":` / `'key':`) is written on `line`.
fn key_column(line: &str, key: &str) -> Option<usize> {
    for quote in ["", "\"", "'"] {
        let needle = format!("{quote}{key}{quote}");
        let mut from = 0;
        while let Some(i) = line.get(from..).and_then(|rest| rest.find(&needle)) {
            let at = from + i;
            let before = line.get(..at).unwrap_or("").trim_end();
            let after = line.get(at + needle.len()..).unwrap_or("").trim_start();
            let starts_entry = before.is_empty()
                || before.ends_with('-')
                || before.ends_with('{')
                || before.ends_with(',');
            if starts_entry && after.starts_with(':') {
                return Some(line.get(..at).map_or(0, |s| s.chars().count()) + 1);
            }
            from = at + needle.len().max(1);
        }
    }
    None
}

/// The value of `key` in a mapping, comparing keys without regard to case (AppSpec
/// files are written both as `Resources`/`TargetVersion` and `resources`/`targetversion`).
pub(crate) fn get_ci<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.entries()
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// True for a CloudFormation intrinsic (`!Ref X`, `{"Ref": X}`, `{"Fn::Sub": ..}`):
/// its value is only known at deploy time, so value checks skip it.
pub(crate) fn is_intrinsic(node: &Node) -> bool {
    if node.tag.is_some() {
        return true;
    }
    match node.entries() {
        [(k, _)] => k == "Ref" || k == "Condition" || k.starts_with("Fn::"),
        _ => false,
    }
}

/// A number from a number or a numeric string (`60` or `"60"`, as CloudFormation and
/// the ECS API both accept).
pub(crate) fn number(node: &Node) -> Option<f64> {
    match &node.value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) if f.is_finite() => Some(*f),
        Value::Str(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// A whole number from a number or numeric string.
pub(crate) fn whole(node: &Node) -> Option<i64> {
    number(node)
        .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
        .map(|f| f as i64)
}

/// Words that make an environment variable's name look like it holds a secret.
const SECRET_WORDS: [&str; 7] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "ACCESS_KEY",
    "PRIVATE",
];

/// Name endings that point at a secret rather than hold one (`DB_SECRET_ARN`).
const REFERENCE_SUFFIXES: [&str; 12] = [
    "_ARN",
    "_NAME",
    "_PATH",
    "_FILE",
    "_URL",
    "_URI",
    "_ENDPOINT",
    "_HOST",
    "_ID",
    "_TYPE",
    "_TIMEOUT",
    "_TTL",
];

/// True when a plain environment variable named `name` with `value` looks like a
/// secret written in clear text. A value that only points at a secret (an ARN, an SSM
/// path, a `$VAR` or `{{resolve:..}}`) is fine, and so is an empty one.
pub(crate) fn looks_secret(name: &str, value: &str) -> bool {
    if contains_aws_access_key(value) {
        return true;
    }
    let upper = name.to_ascii_uppercase();
    let value = value.trim();
    let points_elsewhere = value.is_empty()
        || value.starts_with("arn:")
        || value.starts_with('$')
        || value.starts_with("{{resolve:")
        || value.starts_with("/");
    SECRET_WORDS.iter().any(|w| upper.contains(w))
        && !REFERENCE_SUFFIXES.iter().any(|s| upper.ends_with(s))
        && !points_elsewhere
}

/// True when `text` holds something shaped like an AWS access key id
/// (`AKIA` or `ASIA` and 16 upper-case letters or digits).
pub(crate) fn contains_aws_access_key(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(20).enumerate().any(|(i, w)| {
        (w.starts_with(b"AKIA") || w.starts_with(b"ASIA"))
            && w[4..]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && !bytes
                .get(i + 20)
                .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
    })
}

/// Joins names as "`a`, `b` or `c`" for messages.
pub(crate) fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The closest of `names` to a misspelt `word`, when it is close enough to suggest.
pub(crate) fn suggest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    if word.len() > 64 {
        return None;
    }
    names
        .iter()
        .map(|n| {
            let name = n.to_ascii_lowercase();
            // A cut-short name (`JUNIT` for `JUNITXML`) is as good as a typo.
            let prefix = word.len() >= 3 && (name.starts_with(&word) || word.starts_with(&name));
            let distance = if prefix {
                1
            } else {
                edit_distance(&word, &name)
            };
            (distance, *n)
        })
        .filter(|(d, n)| *d <= 2.max(n.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// "Did you mean `x`?" or nothing.
pub(crate) fn did_you_mean(word: &str, names: &[&str]) -> String {
    suggest(word, names)
        .map(|s| format!(" Did you mean `{s}`?"))
        .unwrap_or_default()
}
