//! Hugo front matter: YAML between `---` lines or TOML between `+++` lines.
//!
//! Only the keys the lab uses are read; unknown keys are ignored, as Hugo does. A value
//! of the wrong type is a warning and the key is treated as missing, so one typo never
//! takes a page down. A front matter block that does not parse at all is an error.

use crate::doc::{self, Limits, Node, Pos, Value};

/// The front matter keys the lab understands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Page title.
    pub title: Option<String>,
    /// Sort key; lower comes first.
    pub weight: Option<i64>,
    /// Hugo Learn's "chapter" flag (a module cover page).
    pub chapter: bool,
    /// Hugo Learn's menu prefix, often HTML such as `<b>1. </b>`; kept as plain text.
    pub pre: Option<String>,
    /// Drafts are not served.
    pub draft: bool,
    /// One-sentence summary.
    pub description: Option<String>,
    /// Estimated minutes.
    pub duration: Option<u32>,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// What a learner should know first.
    pub prerequisites: Vec<String>,
    /// A slug that replaces the one derived from the file name.
    pub slug: Option<String>,
}

/// A problem in the front matter, with its line in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FmIssue {
    /// 1-based line in the file.
    pub line: usize,
    /// True for errors (the block did not parse), false for warnings.
    pub is_error: bool,
    /// What is wrong.
    pub message: String,
}

/// A file split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The parsed keys (defaults when the block is missing or broken).
    pub front: FrontMatter,
    /// The markdown after the front matter.
    pub body: &'a str,
    /// The 1-based line where `body` starts in the file.
    pub body_line: usize,
    /// Warnings and errors.
    pub issues: Vec<FmIssue>,
}

/// Splits `text` into front matter and body and reads the keys.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_line_end].trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => {
            return Split {
                front: FrontMatter::default(),
                body: text,
                body_line: 1,
                issues: Vec::new(),
            };
        }
    };
    // Find the closing fence: a line that is the fence, trailing spaces allowed.
    let mut offset = first_line_end;
    let mut line_no = 2;
    let mut close: Option<(usize, usize)> = None;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == fence {
            close = Some((offset, end));
            break;
        }
        offset = end;
        line_no += 1;
    }
    let Some((close_start, close_end)) = close else {
        return Split {
            front: FrontMatter::default(),
            body: "",
            body_line: line_no,
            issues: vec![FmIssue {
                line: 1,
                is_error: true,
                message: format!("front matter opened with `{fence}` is never closed"),
            }],
        };
    };
    let block = &text[first_line_end..close_start];
    let mut issues = Vec::new();
    let node = if fence == "---" {
        match doc::parse_yaml(block, Limits::default()) {
            Ok(node) => Some(shift(node, 1)),
            Err(e) => {
                issues.push(FmIssue {
                    line: e.pos.line + 1,
                    is_error: true,
                    message: format!("front matter is not valid YAML: {}", e.message),
                });
                None
            }
        }
    } else {
        match toml_to_node(block) {
            Ok(node) => Some(node),
            Err((line, message)) => {
                issues.push(FmIssue {
                    line: line + 1,
                    is_error: true,
                    message: format!("front matter is not valid TOML: {message}"),
                });
                None
            }
        }
    };
    let front = node.map(|n| read_keys(&n, &mut issues)).unwrap_or_default();
    Split {
        front,
        body: &text[close_end..],
        body_line: line_no + 1,
        issues,
    }
}

/// Moves every position down by `lines` (the opening fence).
fn shift(mut node: Node, lines: usize) -> Node {
    node.pos.line += lines;
    node.value = match node.value {
        Value::Seq(items) => Value::Seq(items.into_iter().map(|n| shift(n, lines)).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, n)| (k, shift(n, lines)))
                .collect(),
        ),
        other => other,
    };
    node
}

/// Parses TOML into the same tree as YAML. Lines are those of top-level keys.
fn toml_to_node(block: &str) -> Result<Node, (usize, String)> {
    let table: toml::Table = block.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map(|s| block[..s.start.min(block.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        (line, e.message().to_owned())
    })?;
    let line_of = |key: &str| {
        block
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(1, |i| i + 2)
    };
    let entries = table
        .iter()
        .map(|(k, v)| (k.clone(), toml_value(v, line_of(k))))
        .collect();
    Ok(Node {
        value: Value::Map(entries),
        tag: None,
        pos: Pos { line: 2, col: 1 },
    })
}

fn toml_value(v: &toml::Value, line: usize) -> Node {
    let value = match v {
        toml::Value::String(s) => Value::Str(s.clone()),
        toml::Value::Integer(i) => Value::Int(*i),
        toml::Value::Float(f) => Value::Float(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::Str(d.to_string()),
        toml::Value::Array(items) => {
            Value::Seq(items.iter().map(|i| toml_value(i, line)).collect())
        }
        toml::Value::Table(t) => Value::Map(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_value(v, line)))
                .collect(),
        ),
    };
    Node {
        value,
        tag: None,
        pos: Pos { line, col: 1 },
    }
}

fn read_keys(node: &Node, issues: &mut Vec<FmIssue>) -> FrontMatter {
    let mut fm = FrontMatter::default();
    if !matches!(node.value, Value::Map(_) | Value::Null) {
        issues.push(FmIssue {
            line: node.pos.line,
            is_error: true,
            message: format!(
                "front matter must be a set of keys, not {}",
                node.type_name()
            ),
        });
        return fm;
    }
    let mut warn = |n: &Node, message: String| {
        issues.push(FmIssue {
            line: n.pos.line,
            is_error: false,
            message,
        })
    };
    for (key, value) in node.entries() {
        match key.as_str() {
            "title" => fm.title = text(value, key, &mut warn),
            "description" => fm.description = text(value, key, &mut warn),
            "slug" => fm.slug = text(value, key, &mut warn),
            "pre" => fm.pre = text(value, key, &mut warn).map(|p| strip_tags(&p)),
            "weight" => match &value.value {
                Value::Int(i) => fm.weight = Some(*i),
                Value::Str(s) if s.trim().parse::<i64>().is_ok() => {
                    fm.weight = s.trim().parse().ok();
                }
                _ => warn(
                    value,
                    format!(
                        "`weight` should be a whole number, not {}",
                        value.type_name()
                    ),
                ),
            },
            "duration" => match &value.value {
                Value::Int(i) if (0..=100_000).contains(i) => fm.duration = u32::try_from(*i).ok(),
                _ => warn(
                    value,
                    "`duration` should be a whole number of minutes".to_owned(),
                ),
            },
            "chapter" => fm.chapter = flag(value, key, &mut warn),
            "draft" => fm.draft = flag(value, key, &mut warn),
            "objectives" => fm.objectives = list(value, key, &mut warn),
            "prerequisites" => fm.prerequisites = list(value, key, &mut warn),
            "date" | "lastmod" | "publishDate" | "expiryDate" => {
                let ok = value
                    .as_scalar_string()
                    .is_some_and(|s| looks_like_date(&s));
                if !ok {
                    warn(
                        value,
                        format!("`{key}` is not a date (expected YYYY-MM-DD); it is ignored"),
                    );
                }
            }
            _ => {}
        }
    }
    fm
}

fn text(value: &Node, key: &str, warn: &mut impl FnMut(&Node, String)) -> Option<String> {
    match value.as_scalar_string() {
        Some(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        None => {
            if !matches!(value.value, Value::Null) {
                warn(
                    value,
                    format!("`{key}` should be text, not {}", value.type_name()),
                );
            }
            None
        }
    }
}

fn flag(value: &Node, key: &str, warn: &mut impl FnMut(&Node, String)) -> bool {
    match value.value {
        Value::Bool(b) => b,
        _ => {
            warn(value, format!("`{key}` should be true or false"));
            false
        }
    }
}

fn list(value: &Node, key: &str, warn: &mut impl FnMut(&Node, String)) -> Vec<String> {
    match &value.value {
        Value::Seq(items) => items.iter().filter_map(|i| i.as_scalar_string()).collect(),
        Value::Str(s) => vec![s.clone()],
        _ => {
            warn(value, format!("`{key}` should be a list of text"));
            Vec::new()
        }
    }
}

/// `YYYY-MM-DD`, optionally followed by a time.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let month = s.get(5..7).and_then(|m| m.parse::<u32>().ok());
    let day = s.get(8..10).and_then(|d| d.parse::<u32>().ok());
    digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && month.is_some_and(|m| (1..=12).contains(&m))
        && day.is_some_and(|d| (1..=31).contains(&d))
}

/// Drops anything that looks like an HTML tag, keeping the text.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_read_and_the_body_line_is_known() {
        let s = split(
            "---\ntitle: \"Hello\"\nweight: 3\nduration: 10\nobjectives:\n  - a\n  - b\nunknown: x\n---\n# Body\n",
        );
        assert_eq!(s.front.title.as_deref(), Some("Hello"));
        assert_eq!(s.front.weight, Some(3));
        assert_eq!(s.front.duration, Some(10));
        assert_eq!(s.front.objectives, vec!["a", "b"]);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 10);
        assert!(s.issues.is_empty(), "{:?}", s.issues);
    }

    #[test]
    fn toml_front_matter_with_a_trailing_space_after_the_fence_is_read() {
        let s = split("+++ \ntitle = \"Xin chào\"\nweight = 2\ndraft = false\n+++  \nBody\n");
        assert_eq!(s.front.title.as_deref(), Some("Xin chào"));
        assert_eq!(s.front.weight, Some(2));
        assert_eq!(s.body, "Body\n");
        assert!(s.issues.is_empty(), "{:?}", s.issues);
    }

    #[test]
    fn a_bad_date_is_a_warning_on_its_line_and_the_rest_is_kept() {
        let s = split("---\ntitle: T\ndate: next tuesday\n---\nx");
        assert_eq!(s.front.title.as_deref(), Some("T"));
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].line, 3);
        assert!(!s.issues[0].is_error);
    }

    #[test]
    fn a_wrong_type_is_a_warning_not_a_crash() {
        let s = split("---\ntitle: [a, b]\nweight: heavy\n---\n");
        assert_eq!(s.front.title, None);
        assert_eq!(s.front.weight, None);
        assert_eq!(s.issues.len(), 2);
        assert!(s.issues.iter().all(|i| !i.is_error));
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_file_line() {
        let s = split("---\ntitle: ok\nweight: [1,\n---\nbody");
        assert!(
            s.issues.iter().any(|i| i.is_error && i.line >= 2),
            "{:?}",
            s.issues
        );
        assert_eq!(s.body, "body");
    }

    #[test]
    fn an_unclosed_block_is_an_error() {
        let s = split("---\ntitle: x\n");
        assert!(s.issues[0].is_error);
    }

    #[test]
    fn no_front_matter_means_the_whole_file_is_body() {
        let s = split("# Just markdown\n");
        assert_eq!(s.body_line, 1);
        assert_eq!(s.front, FrontMatter::default());
    }

    #[test]
    fn pre_keeps_only_text() {
        let s = split("---\npre: \" <b> 4.4. </b> \"\n---\n");
        assert_eq!(s.front.pre.as_deref(), Some("4.4."));
    }
}
