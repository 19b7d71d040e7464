//! A small line-based Dockerfile reader for `instruction` checks.
//!
//! The linter's parser is private to [`crate::lint`]; this one only needs keywords,
//! arguments, lines and stages. It honours the `# escape=` directive, joins continuation
//! lines (skipping comment and blank lines inside them, as BuildKit does) and skips
//! heredoc bodies, so a `RUN <<EOF` script is not read as instructions. The submission has
//! already passed the linter, so the text is known to be a bounded Dockerfile.

use super::{Assertion, Quantifier, Scope};

/// One instruction, continuation lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Instr {
    /// Upper-cased keyword.
    pub keyword: String,
    /// The arguments, runs of white space collapsed to one space.
    pub args: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// 0 before the first `FROM`, then 1, 2, ... with each `FROM` (its own included).
    pub stage: usize,
}

/// Reads the instructions of a Dockerfile.
pub(super) fn read(src: &str) -> Vec<Instr> {
    let lines: Vec<&str> = src.lines().collect();
    let mut escape = '\\';
    let mut i = 0;
    // Parser directives: `# key=value` comment lines before anything else.
    while let Some(line) = lines.get(i) {
        let Some((key, value)) = line
            .trim()
            .strip_prefix('#')
            .and_then(|d| d.split_once('='))
        else {
            break;
        };
        if key.trim().eq_ignore_ascii_case("escape") && value.trim() == "`" {
            escape = '`';
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut stage = 0;
    while i < lines.len() {
        let start = i;
        let first = lines[i].trim();
        i += 1;
        if first.is_empty() || first.starts_with('#') {
            continue;
        }
        let mut text = String::new();
        let mut current = first.to_owned();
        loop {
            match current.trim_end().strip_suffix(escape) {
                Some(head) => {
                    text.push_str(head);
                    text.push(' ');
                    // The next line that is neither blank nor a comment continues it.
                    let next = loop {
                        match lines.get(i) {
                            None => break None,
                            Some(l) if l.trim().is_empty() || l.trim().starts_with('#') => i += 1,
                            Some(l) => break Some(*l),
                        }
                    };
                    let Some(next) = next else { break };
                    i += 1;
                    current = next.to_owned();
                }
                None => {
                    text.push_str(&current);
                    break;
                }
            }
        }
        let (keyword, args) = text
            .trim()
            .split_once(char::is_whitespace)
            .unwrap_or((&text, ""));
        let keyword = keyword.to_ascii_uppercase();
        let args = args.split_whitespace().collect::<Vec<_>>().join(" ");
        for delimiter in heredoc_delimiters(&keyword, &args) {
            while let Some(l) = lines.get(i) {
                i += 1;
                if l.trim() == delimiter {
                    break;
                }
            }
        }
        if keyword == "FROM" {
            stage += 1;
        }
        out.push(Instr {
            keyword,
            args,
            line: start + 1,
            stage,
        });
    }
    out
}

/// The words ending the heredocs an instruction opens (`<<EOF`, `<<-"EOF"`).
fn heredoc_delimiters(keyword: &str, args: &str) -> Vec<String> {
    if !matches!(keyword, "RUN" | "COPY" | "ADD") {
        return Vec::new();
    }
    args.split_whitespace()
        .filter_map(|w| w.strip_prefix("<<"))
        .map(|w| w.strip_prefix('-').unwrap_or(w))
        .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
        .map(|w| {
            w.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether an instruction assertion holds, and on failure the line to point at.
pub(super) fn evaluate(
    instrs: &[Instr],
    keyword: &str,
    scope: Scope,
    assertion: &Assertion,
    quantifier: Quantifier,
) -> (bool, Option<usize>) {
    let last = instrs.iter().map(|i| i.stage).max().unwrap_or(0);
    let chosen: Vec<&Instr> = instrs
        .iter()
        .filter(|i| i.keyword == keyword)
        .filter(|i| scope == Scope::All || i.stage == last)
        .collect();
    let first_line = chosen.first().map(|i| i.line);
    match assertion {
        Assertion::Exists => (!chosen.is_empty(), None),
        Assertion::Absent => (chosen.is_empty(), first_line),
        Assertion::CountMin(min) => (chosen.len() >= *min, first_line),
        Assertion::CountMax(max) => {
            let line = chosen.get(*max).map(|i| i.line);
            (chosen.len() <= *max, line)
        }
        Assertion::Matches(re) => {
            let ok = |i: &&Instr| re.is_match(&i.args);
            match quantifier {
                Quantifier::All => match chosen.iter().find(|i| !ok(i)) {
                    None if !chosen.is_empty() => (true, None),
                    None => (false, None),
                    Some(bad) => (false, Some(bad.line)),
                },
                Quantifier::Any => (chosen.iter().any(ok), first_line),
            }
        }
        // Refused when the exercise is loaded.
        Assertion::Equals(_)
        | Assertion::OneOf(_)
        | Assertion::Type(_)
        | Assertion::ContainsMatch(_) => (false, None),
    }
}
