//! Paths into a parsed document: `phases.build.commands`, `Resources[0]`,
//! `containerDefinitions[*].image`, `Resources."My.Bucket".Type`.

use crate::doc::{Node, Pos, Value};
use std::fmt;
use std::str::FromStr;

/// One step of a [`DocPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// A list item, from 0.
    Index(usize),
    /// Every list item or mapping value (`*` or `[*]`).
    Any,
}

/// A parsed path, with the text it was written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPath {
    /// The steps from the document's root.
    pub steps: Vec<Step>,
    text: String,
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for DocPath {
    type Err = String;

    /// Parses the path syntax of the module documentation; the error says what is wrong.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.trim().is_empty() {
            return Err("the path is empty".into());
        }
        let chars: Vec<char> = text.chars().collect();
        let mut steps = Vec::new();
        let mut i = 0;
        loop {
            // The segment's key, unless the path starts with an index.
            if !(i == 0 && chars.first() == Some(&'[')) {
                if chars.get(i) == Some(&'"') {
                    let (key, next) = quoted(&chars, i)?;
                    steps.push(Step::Key(key));
                    i = next;
                } else {
                    let start = i;
                    while i < chars.len() && !matches!(chars[i], '.' | '[') {
                        if matches!(chars[i], '"' | ']') {
                            return Err(format!(
                                "unexpected `{}` at character {}; quote keys with dots or brackets",
                                chars[i],
                                i + 1
                            ));
                        }
                        i += 1;
                    }
                    let key: String = chars[start..i].iter().collect();
                    match key.as_str() {
                        "" => return Err(format!("empty key at character {}", start + 1)),
                        "*" => steps.push(Step::Any),
                        _ => steps.push(Step::Key(key)),
                    }
                }
            }
            while chars.get(i) == Some(&'[') {
                let close = chars[i..]
                    .iter()
                    .position(|c| *c == ']')
                    .map(|p| i + p)
                    .ok_or_else(|| format!("`[` at character {} is never closed", i + 1))?;
                let inner: String = chars[i + 1..close].iter().collect();
                let inner = inner.trim();
                if inner == "*" {
                    steps.push(Step::Any);
                } else {
                    let n = inner.parse::<usize>().map_err(|_| {
                        format!("`[{inner}]` is not an index: use a number from 0, or `*`")
                    })?;
                    steps.push(Step::Index(n));
                }
                i = close + 1;
            }
            match chars.get(i) {
                None => break,
                Some('.') if i + 1 < chars.len() => i += 1,
                Some('.') => return Err("the path ends with a dot".into()),
                Some(c) => {
                    return Err(format!(
                        "unexpected `{c}` at character {}; expected `.` or `[`",
                        i + 1
                    ));
                }
            }
        }
        Ok(DocPath {
            steps,
            text: text.to_owned(),
        })
    }
}

/// Reads a `"quoted key"` starting at `start`; returns it and the index after the quote.
/// Inside, `\"` is a quote and `\\` a backslash.
fn quoted(chars: &[char], start: usize) -> Result<(String, usize), String> {
    let mut key = String::new();
    let mut i = start + 1;
    while let Some(&c) = chars.get(i) {
        match c {
            '"' => return Ok((key, i + 1)),
            '\\' if matches!(chars.get(i + 1), Some('"' | '\\')) => {
                key.push(chars[i + 1]);
                i += 2;
            }
            _ => {
                key.push(c);
                i += 1;
            }
        }
    }
    Err(format!(
        "the quote at character {} is never closed",
        start + 1
    ))
}

/// What one branch of a path reached.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reached<'a> {
    /// A value.
    Found(&'a Node),
    /// Nothing; the position is the deepest value on the way, for messages.
    Missing(Pos),
}

impl Reached<'_> {
    pub(super) fn pos(&self) -> Pos {
        match self {
            Reached::Found(node) => node.pos,
            Reached::Missing(pos) => *pos,
        }
    }
}

/// Every value `path` reaches from `root`, in document order. Never empty: a branch that
/// ends (a missing key, an index past the end, a wildcard over nothing) is one `Missing`.
///
/// Each step visits each node at most once, so the work is bounded by the path's length
/// times the document's (already bounded) node count.
pub(super) fn walk<'a>(root: &'a Node, path: &DocPath) -> Vec<Reached<'a>> {
    let mut current = vec![Reached::Found(root)];
    for step in &path.steps {
        let mut next = Vec::with_capacity(current.len());
        for reached in current {
            let node = match reached {
                Reached::Found(node) => node,
                missing @ Reached::Missing(_) => {
                    next.push(missing);
                    continue;
                }
            };
            let missing = Reached::Missing(node.pos);
            match step {
                Step::Key(key) => next.push(node.get(key).map_or(missing, Reached::Found)),
                Step::Index(n) => next.push(node.items().get(*n).map_or(missing, Reached::Found)),
                Step::Any => {
                    let before = next.len();
                    match &node.value {
                        Value::Seq(items) => next.extend(items.iter().map(Reached::Found)),
                        Value::Map(entries) => {
                            next.extend(entries.iter().map(|(_, v)| Reached::Found(v)));
                        }
                        _ => {}
                    }
                    if next.len() == before {
                        next.push(missing);
                    }
                }
            }
        }
        current = next;
    }
    current
}
