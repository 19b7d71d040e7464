//! Lexers for shell scripts (bash, sh, zsh, console sessions) and Dockerfiles, whose `RUN`
//! instructions are shell code.

use super::{Hl, at, ident_end, is_ident, line_end, listed, skip_blanks, string_end, trim_end};

// ---- Shells, and the arguments of Dockerfile instructions

/// How `shell` reads its range.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Mode {
    /// A script: commands, keywords and builtins.
    Script,
    /// Arguments of a Dockerfile instruction: strings, variables and numbers only.
    Args,
    /// Arguments of `FROM`, where `AS` names the stage.
    From,
}

const SHELL_KEYWORDS: &str = "if then else elif fi for while until do done case esac function \
    select time";
/// Keywords and builtins after which a command name is still expected.
const SHELL_PREFIXES: &str = "if then else elif while until do time sudo exec env xargs nohup";
const SHELL_BUILTINS: &str = "alias apt apt-get aws awk base64 bash brew cargo cat cd cdk chmod \
    chown cp curl cut date docker echo eksctl env eval exec exit export find gh git grep gzip \
    head helm jq kubectl local ls make mkdir mv node nohup npm npx openssl pip pip3 pnpm printf \
    pwd python python3 read readonly return rm sam sed set sh sleep sort source ssh sudo tail \
    tar tee terraform test touch tr trap uname unset unzip wc wget which xargs yarn zip";

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"_-./:+@%,~^=[]*?".contains(&c)
}

/// Highlights `from..to` as shell code; returns where it stopped (past `to` when a here-document
/// opened on the last line has been read).
pub(super) fn shell(h: &mut Hl, from: usize, to: usize, mode: Mode) -> usize {
    let b = h.b;
    let script = mode == Mode::Script;
    let mut i = from;
    let mut cmd = script; // a command name may come next
    let mut word_start = true; // a `#` here starts a comment
    let (mut expect_in, mut name_next) = (false, false);
    let mut heredocs: Vec<(usize, usize, bool)> = Vec::new(); // delimiter range, tabs stripped
    while i < to {
        let c = b[i];
        match c {
            b'\n' => {
                i = if heredocs.is_empty() {
                    i + 1
                } else {
                    heredoc_bodies(h, i + 1, to, &mut heredocs)
                };
                cmd = script;
                word_start = true;
                continue;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' if word_start => {
                let e = line_end(b, i).min(to);
                h.span(i, e, "comment");
                i = e;
            }
            b'\\' => {
                let n = match at(b, i + 1) {
                    b'\r' if at(b, i + 2) == b'\n' => 3,
                    n if n.is_ascii() => 2,
                    _ => 1,
                };
                word_start = matches!(at(b, i + 1), b'\n' | b'\r'); // a line continuation
                i += n;
                continue;
            }
            b'\'' => {
                let e = string_end(b, i, b"'", false, true).min(to);
                h.span(i, e, "string");
                i = e;
            }
            b'"' => i = shell_dquote(h, i, to),
            b'$' => {
                let e = var_end(b, i, to);
                h.span(i, e, "variable");
                i = e.max(i + 1);
            }
            b'<' if at(b, i + 1) == b'<' && at(b, i + 2) != b'<' => {
                let strip = at(b, i + 2) == b'-';
                let mut j = skip_blanks(b, i + 2 + usize::from(strip), to);
                let quote = at(b, j);
                let quoted = quote == b'\'' || quote == b'"';
                j += usize::from(quoted);
                let ds = j;
                while j < to && (is_ident(b[j]) || b[j] == b'-' || b[j] == b'.') {
                    j += 1;
                }
                // `$((1<<2))` is a shift, not a here-document.
                if j > ds && (quoted || !b[ds].is_ascii_digit()) {
                    heredocs.push((ds, j, strip));
                    j += usize::from(quoted && at(b, j) == quote);
                } else {
                    j = i + 2;
                }
                h.span(i, j, "operator");
                i = j;
            }
            b'<' | b'>' | b'|' | b'&' | b';' | b'(' | b')' => {
                let redirect = c == b'<' || c == b'>';
                let set: &[u8] = if redirect { b"<>&" } else { b"|&;()" };
                let mut e = i;
                while e < to && set.contains(&b[e]) {
                    e += 1;
                }
                if script || redirect {
                    h.span(i, e, "operator");
                }
                if !redirect {
                    cmd = script && b[e - 1] != b')';
                }
                i = e;
                word_start = true;
                continue;
            }
            b'{' | b'}' => {
                cmd = script && c == b'{'; // a brace group holds commands
                i += 1;
            }
            _ if is_word(c) => {
                let e = (i..to).find(|&j| !is_word(b[j])).unwrap_or(to);
                let word = h.text(i, e);
                let assign = word.find('=').filter(|&n| {
                    n > 0 && word[..n].bytes().all(is_ident) && !word.as_bytes()[0].is_ascii_digit()
                });
                let class = if let (true, Some(n)) = (cmd, assign) {
                    h.span(i, i + n, "variable");
                    ""
                } else if mode == Mode::From && word.eq_ignore_ascii_case("as") {
                    "instruction"
                } else if cmd && listed(SHELL_KEYWORDS, word) {
                    expect_in = matches!(word, "for" | "case" | "select");
                    name_next = word == "function";
                    "keyword"
                } else if expect_in && word == "in" {
                    expect_in = false;
                    "keyword"
                } else if name_next {
                    "function"
                } else if cmd && listed(SHELL_BUILTINS, word) {
                    "builtin"
                } else if word.bytes().all(|c| c.is_ascii_digit()) {
                    "number"
                } else {
                    ""
                };
                if !class.is_empty() {
                    h.span(i, e, class);
                }
                name_next &= class == "keyword";
                cmd = cmd && (assign.is_some() || listed(SHELL_PREFIXES, word));
                i = e;
            }
            _ => i += 1,
        }
        word_start = matches!(c, b' ' | b'\t' | b'\r');
    }
    if !heredocs.is_empty() && at(b, i) == b'\n' {
        return heredoc_bodies(h, i + 1, b.len(), &mut heredocs);
    }
    i
}

/// End of a variable reference at `i` (`$X`, `${X:-d}`, `$1`, `$?`), or `i` when there is none.
fn var_end(b: &[u8], i: usize, to: usize) -> usize {
    let n = at(b, i + 1);
    if n == b'{' {
        // Bounded, so that a line of unclosed `${` stays linear.
        let close = (i + 2..to.min(i + 256)).find(|&j| b[j] == b'}' || b[j] == b'\n');
        close.filter(|&j| b[j] == b'}').map_or(i, |j| j + 1)
    } else if n.is_ascii_alphabetic() || n == b'_' {
        ident_end(b, i + 1).min(to)
    } else if n.is_ascii_digit() || b"@*#?$!-".contains(&n) {
        (i + 2).min(to)
    } else {
        i
    }
}

/// Highlights a double-quoted shell string at `i`, with the variables in it; returns its end.
fn shell_dquote(h: &mut Hl, i: usize, to: usize) -> usize {
    let b = h.b;
    let (mut seg, mut j) = (i, i + 1);
    while j < to {
        match b[j] {
            b'\\' => j += if at(b, j + 1).is_ascii() { 2 } else { 1 },
            b'"' => {
                h.span(seg, j + 1, "string");
                return j + 1;
            }
            b'$' if var_end(b, j, to) > j => {
                let e = var_end(b, j, to);
                h.span(seg, j, "string");
                h.span(j, e, "variable");
                (seg, j) = (e, e);
            }
            _ => j += 1,
        }
    }
    h.span(seg, to, "string");
    to
}

/// Highlights the bodies of pending here-documents, which start at `line`; returns where the
/// line after the last delimiter starts.
fn heredoc_bodies(
    h: &mut Hl,
    mut line: usize,
    to: usize,
    pending: &mut Vec<(usize, usize, bool)>,
) -> usize {
    let b = h.b;
    for (ds, de, strip) in pending.drain(..) {
        let delimiter = b.get(ds..de).unwrap_or_default();
        let body = line;
        loop {
            if line >= to {
                h.span(body, to, "string");
                return to;
            }
            let eol = line_end(b, line).min(to);
            let mut text = line;
            while strip && at(b, text) == b'\t' {
                text += 1;
            }
            let text_end = trim_end(b, text, eol);
            if b.get(text..text_end) == Some(delimiter) {
                h.span(body, line, "string");
                h.span(text, text_end, "operator");
                line = eol + 1;
                break;
            }
            line = eol + 1;
        }
    }
    line.min(to)
}

// ---- Dockerfile

const INSTRUCTIONS: &str = "FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME \
    USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL";

pub(super) fn dockerfile(h: &mut Hl) {
    let b = h.b;
    let mut i = 0;
    while i < b.len() {
        let s = skip_blanks(b, i, b.len());
        if at(b, s) == b'#' {
            let eol = line_end(b, s);
            h.span(s, trim_end(b, s, eol), "comment");
            i = eol + 1;
            continue;
        }
        let mut we = s;
        while at(b, we).is_ascii_alphabetic() {
            we += 1;
        }
        let word = h.text(s, we);
        let to = instruction_end(b, we);
        let upper = word.to_ascii_uppercase();
        let stop = if !word.is_empty() && listed(INSTRUCTIONS, &upper) {
            h.span(s, we, "instruction");
            let mode = match upper.as_str() {
                "RUN" => Mode::Script,
                "FROM" => Mode::From,
                _ => Mode::Args,
            };
            shell(h, we, to, mode)
        } else {
            shell(h, s, to, Mode::Args)
        };
        i = stop.max(to);
        if at(b, i) == b'\n' {
            i += 1;
        }
    }
}

/// End of an instruction whose arguments start at `i`: lines ending in `\` continue it, and
/// blank or comment lines inside it are skipped, as Docker does.
fn instruction_end(b: &[u8], i: usize) -> usize {
    let (mut j, mut continued) = (i, false);
    loop {
        let eol = line_end(b, j);
        let t = trim_end(b, j, eol);
        let first = skip_blanks(b, j, t);
        let filler = continued && (first == t || b[first] == b'#');
        if !filler {
            continued = t > first && b[t - 1] == b'\\';
            if !continued {
                return eol;
            }
        }
        if eol >= b.len() {
            return b.len();
        }
        j = eol + 1;
    }
}
