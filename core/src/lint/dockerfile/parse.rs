//! A Dockerfile parser that follows BuildKit's reading of the file: parser directives
//! (`# escape=`), line continuations (with comment and blank lines inside them
//! skipped), heredocs (`RUN <<EOF ... EOF`), `--flags`, JSON (exec) form, and stages.
//!
//! It never fails on a line it does not understand: that becomes a `dockerfile/syntax`
//! finding and the rest of the file is still read. Only text with no `FROM` at all is
//! refused, as not a Dockerfile.

use super::docs;
use crate::doc::Pos;
use crate::lint::Finding;

/// Every instruction Docker knows.
pub(crate) const INSTRUCTIONS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Instructions whose leading `--name=value` words are options.
const TAKES_FLAGS: &[&str] = &["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"];

/// Instructions that may carry heredocs.
const TAKES_HEREDOCS: &[&str] = &["RUN", "COPY", "ADD"];

/// The body of one `<<EOF` heredoc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Heredoc {
    /// The word that ends it.
    pub delimiter: String,
    /// The lines between, joined with newlines.
    pub body: String,
}

/// One instruction, its continuation lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Instruction {
    /// Upper-cased keyword (`RUN`).
    pub keyword: String,
    /// Where it starts.
    pub pos: Pos,
    /// Leading options, `--from=build` as (`from`, `build`).
    pub flags: Vec<(String, String)>,
    /// Everything after the keyword and options, trimmed.
    pub args: String,
    /// The words of the JSON (exec) form, when the arguments are a JSON array.
    pub exec: Option<Vec<String>>,
    /// True when the arguments start with `[` but are not a valid JSON string array,
    /// which Docker then runs as a shell command: almost always a quoting mistake.
    pub broken_exec: bool,
    /// Heredoc bodies, in order.
    pub heredocs: Vec<Heredoc>,
}

impl Instruction {
    /// The value of option `--name`, if given.
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text a shell would run: the arguments plus any heredoc bodies, or the words
    /// of the exec form joined by spaces.
    pub fn script(&self) -> String {
        let mut s = match &self.exec {
            Some(words) => words.join(" "),
            None => self.args.clone(),
        };
        for h in &self.heredocs {
            s.push('\n');
            s.push_str(&h.body);
        }
        s
    }
}

/// A `FROM` and the instructions after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stage {
    /// The image, as written.
    pub image: String,
    /// `AS name`, lower-cased (stage names are case-insensitive).
    pub name: Option<String>,
    /// The index of an earlier stage this one builds on (`FROM build`).
    pub parent: Option<usize>,
    /// The `FROM` instruction itself.
    pub from: Instruction,
    /// The instructions of the stage, `FROM` excluded.
    pub body: Vec<Instruction>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dockerfile {
    /// `ARG`s before the first `FROM`, usable in `FROM` lines.
    pub global_args: Vec<Instruction>,
    /// The stages, in order; the last one is the image that ships.
    pub stages: Vec<Stage>,
}

/// Why the text is not a Dockerfile at all.
pub(super) struct NotADockerfile;

/// Parses `src`, adding syntax findings to `out`.
pub(super) fn parse(src: &str, out: &mut Vec<Finding>) -> Result<Dockerfile, NotADockerfile> {
    let lines: Vec<&str> = src.lines().collect();
    let mut escape = '\\';
    let mut i = 0;
    // Parser directives: only at the very top, before any comment, blank line or
    // instruction.
    while let Some(line) = lines.get(i) {
        let Some((key, value)) = directive(line) else {
            break;
        };
        if key == "escape" {
            match value.as_str() {
                "\\" => escape = '\\',
                "`" => escape = '`',
                other => out.push(
                    Finding::error(
                        "dockerfile/syntax",
                        Pos {
                            line: i + 1,
                            col: 1,
                        },
                        format!("the escape directive takes \\ or `, not `{other}`"),
                    )
                    .doc(docs::ESCAPE),
                ),
            }
        }
        i += 1;
    }

    let mut instructions = Vec::new();
    let mut first_word_known: Option<bool> = None;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let pos = Pos {
            line: i + 1,
            col: line.len() - trimmed.len() + 1,
        };
        // Join continuation lines.
        let mut text = String::new();
        let mut current = trimmed;
        loop {
            let stripped = current.trim_end();
            match stripped.strip_suffix(escape) {
                Some(head) => {
                    text.push_str(head);
                    i += 1;
                    // Comment and blank lines inside a continuation are skipped.
                    while lines
                        .get(i)
                        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
                    {
                        i += 1;
                    }
                    match lines.get(i) {
                        Some(next) => current = next,
                        None => break,
                    }
                }
                None => {
                    text.push_str(current);
                    i += 1;
                    break;
                }
            }
        }
        let (word, rest) = split_word(&text);
        let keyword = word.to_ascii_uppercase();
        let known = INSTRUCTIONS.contains(&keyword.as_str());
        first_word_known.get_or_insert(known);
        if !known {
            out.push(
                Finding::error(
                    "dockerfile/syntax",
                    pos,
                    format!(
                        "`{word}` is not a Dockerfile instruction (a line that continues the one above needs a {escape} at the end of that line)"
                    ),
                )
                .doc(docs::REFERENCE),
            );
            continue;
        }
        let mut inst = instruction(keyword, pos, rest);
        if TAKES_HEREDOCS.contains(&inst.keyword.as_str()) {
            for (delimiter, strip_tabs) in heredoc_markers(&inst.args) {
                let mut body = Vec::new();
                let mut closed = false;
                while let Some(l) = lines.get(i) {
                    i += 1;
                    let candidate = if strip_tabs {
                        l.trim_start_matches('\t')
                    } else {
                        l
                    };
                    if candidate == delimiter {
                        closed = true;
                        break;
                    }
                    body.push(candidate);
                }
                if !closed {
                    out.push(
                        Finding::error(
                            "dockerfile/syntax",
                            inst.pos,
                            format!("the heredoc `<<{delimiter}` is never closed by a line reading `{delimiter}`"),
                        )
                        .doc(docs::HEREDOCS),
                    );
                }
                inst.heredocs.push(Heredoc {
                    delimiter,
                    body: body.join("\n"),
                });
            }
        }
        instructions.push(inst);
    }

    if !instructions.iter().any(|i| i.keyword == "FROM") || first_word_known != Some(true) {
        return Err(NotADockerfile);
    }
    Ok(stages(instructions, out))
}

/// `# key=value` at the top of the file.
fn directive(line: &str) -> Option<(String, String)> {
    let body = line.trim().strip_prefix('#')?.trim();
    let (key, value) = body.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let value = value.trim();
    if value.is_empty() || value.contains(char::is_whitespace) {
        return None;
    }
    Some((key.to_ascii_lowercase(), value.to_owned()))
}

fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim_start()),
        None => (text, ""),
    }
}

fn instruction(keyword: String, pos: Pos, rest: &str) -> Instruction {
    let mut flags = Vec::new();
    let mut args = rest.trim();
    if TAKES_FLAGS.contains(&keyword.as_str()) {
        while let Some(after) = args.strip_prefix("--") {
            let (word, tail) = split_word(after);
            let (name, value) = word.split_once('=').unwrap_or((word, ""));
            flags.push((name.to_ascii_lowercase(), unquote(value).to_owned()));
            args = tail;
        }
    }
    let (exec, broken_exec) = if args.starts_with('[') {
        match serde_json::from_str::<Vec<String>>(args) {
            Ok(words) => (Some(words), false),
            Err(_) => (None, true),
        }
    } else {
        (None, false)
    };
    Instruction {
        keyword,
        pos,
        flags,
        args: args.to_owned(),
        exec,
        broken_exec,
        heredocs: Vec::new(),
    }
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// The heredocs an instruction opens (`<<EOF`, `<<-EOF`, `<<"EOF"`), in order, each
/// with whether leading tabs are stripped from its lines.
pub(super) fn heredoc_markers(args: &str) -> Vec<(String, bool)> {
    let bytes = args.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = args[i..].find("<<").map(|p| p + i) {
        i = at + 2;
        if bytes.get(i) == Some(&b'<') || (at > 0 && bytes[at - 1] == b'<') {
            // `<<<` is a shell here-string, not a heredoc.
            i += 1;
            continue;
        }
        let strip_tabs = bytes.get(i) == Some(&b'-');
        let mut j = if strip_tabs { i + 1 } else { i };
        let quote = bytes.get(j).copied().filter(|b| *b == b'"' || *b == b'\'');
        if quote.is_some() {
            j += 1;
        }
        let start = j;
        while bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            j += 1;
        }
        if j == start {
            continue;
        }
        if let Some(q) = quote
            && bytes.get(j) != Some(&q)
        {
            continue;
        }
        found.push((args[start..j].to_owned(), strip_tabs));
        i = j;
    }
    found
}

fn stages(instructions: Vec<Instruction>, out: &mut Vec<Finding>) -> Dockerfile {
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for inst in instructions {
        if inst.keyword == "FROM" {
            let words: Vec<&str> = inst.args.split_whitespace().collect();
            let (image, name) = match words.as_slice() {
                [image] => (*image, None),
                [image, as_word, name] if as_word.eq_ignore_ascii_case("as") => {
                    (*image, Some(name.to_ascii_lowercase()))
                }
                _ => {
                    out.push(
                        Finding::error(
                            "dockerfile/syntax",
                            inst.pos,
                            "FROM takes an image and an optional `AS name`: `FROM node:20-alpine AS build`",
                        )
                        .doc(docs::REFERENCE),
                    );
                    (words.first().copied().unwrap_or(""), None)
                }
            };
            if let Some(n) = &name
                && stages.iter().any(|s| s.name.as_ref() == Some(n))
            {
                out.push(
                    Finding::error(
                        "dockerfile/syntax",
                        inst.pos,
                        format!("there is already a stage named `{n}`; stage names must be unique"),
                    )
                    .doc(docs::MULTI_STAGE),
                );
            }
            let lower = image.to_ascii_lowercase();
            let parent = stages
                .iter()
                .position(|s| s.name.as_deref() == Some(lower.as_str()));
            stages.push(Stage {
                image: image.to_owned(),
                name,
                parent,
                from: inst,
                body: Vec::new(),
            });
            continue;
        }
        match stages.last_mut() {
            Some(stage) => stage.body.push(inst),
            None if inst.keyword == "ARG" => global_args.push(inst),
            None => out.push(
                Finding::error(
                    "dockerfile/syntax",
                    inst.pos,
                    format!(
                        "{} comes before the first FROM; only ARG may come before FROM",
                        inst.keyword
                    ),
                )
                .doc(docs::REFERENCE),
            ),
        }
    }
    Dockerfile {
        global_args,
        stages,
    }
}

/// Splits shell-ish text into words, honouring quotes and backslash escapes (enough for
/// `ENV`, `ARG`, `LABEL` and command lines; no expansion).
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut chars = text.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                has = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                    has = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if has || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                has = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if has || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The `name=value` pairs of `ENV` (both the `k=v` and the legacy `k v` forms) or
/// `ARG` (a name alone has no value).
pub(super) fn assignments(inst: &Instruction) -> Vec<(String, Option<String>)> {
    let ws = words(&inst.args);
    if inst.keyword == "ENV" && ws.first().is_some_and(|w| !w.contains('=')) {
        let (name, rest) = split_word(&inst.args);
        return vec![(name.to_owned(), Some(unquote(rest.trim()).to_owned()))];
    }
    ws.into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (w, None),
        })
        .collect()
}
