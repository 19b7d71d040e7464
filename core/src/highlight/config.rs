//! Lexers for configuration formats: YAML, JSON and TOML.

use super::{
    Hl, at, find_end, ident_end, is_blank, is_ident, line_end, looks_numeric, number_end,
    skip_blanks, string_end, trim_end,
};

// ---- YAML

const YAML_LITERALS: &[&[u8]] = &[b"true", b"false", b"yes", b"no", b"null", b"on", b"off"];

pub(super) fn yaml(h: &mut Hl) {
    let mut i = 0;
    while i < h.b.len() {
        i = yaml_line(h, i);
    }
}

/// Highlights the line starting at `start`; returns where the next unread line starts
/// (past the body of a block scalar, when the line opens one).
fn yaml_line(h: &mut Hl, start: usize) -> usize {
    let b = h.b;
    let eol = line_end(b, start);
    let next = eol + 1;
    let end = trim_end(b, start, eol);
    let mut i = skip_blanks(b, start, end);
    let is_marker = |i: usize| {
        (b[i..].starts_with(b"---") || b[i..].starts_with(b"..."))
            && (i + 3 >= end || is_blank(b[i + 3]))
    };
    if i == start && i < end && is_marker(i) {
        h.span(i, i + 3, "operator");
        i = skip_blanks(b, i + 3, end);
    }
    // The indentation a block scalar's lines must exceed: that of the last `-` or the key.
    let mut indent = i - start;
    while i < end && b[i] == b'-' && (i + 1 == end || is_blank(b[i + 1])) {
        indent = i - start;
        h.span(i, i + 1, "operator");
        i = skip_blanks(b, i + 1, end);
    }
    if at(b, i) == b'#' && i < end {
        h.span(i, end, "comment");
        return next;
    }
    if let Some((key_end, colon)) = yaml_key(b, i, end) {
        h.span(i, key_end, "key");
        indent = i - start;
        i = colon + 1;
    }
    yaml_value(h, i, end, indent).unwrap_or(next)
}

/// If a mapping key starts at `i`, the end of its text and the index of its colon.
fn yaml_key(b: &[u8], i: usize, end: usize) -> Option<(usize, usize)> {
    let c = at(b, i);
    let key_end = if c == b'"' || c == b'\'' {
        string_end(b, i, &[c], c == b'"', false).min(end)
    } else if i >= end || b"[]{}!&*|>#%@`,?".contains(&c) {
        return None;
    } else {
        let mut j = i;
        loop {
            if j >= end || (b[j] == b'#' && is_blank(b[j - 1])) {
                return None;
            }
            if b[j] == b':' && (j + 1 == end || is_blank(b[j + 1])) {
                break trim_end(b, i, j);
            }
            j += 1;
        }
    };
    let colon = skip_blanks(b, key_end, end);
    let is_colon = colon < end && b[colon] == b':' && (colon + 1 == end || is_blank(b[colon + 1]));
    is_colon.then_some((key_end, colon))
}

/// Highlights a value from `i` to the end of its line. Returns where to go on when the value
/// is a block scalar (`|`, `>-`, …) whose body lines it has consumed.
fn yaml_value(h: &mut Hl, mut i: usize, end: usize, indent: usize) -> Option<usize> {
    let b = h.b;
    let mut depth = 0usize; // inside `[…]` or `{…}`
    let mut first = true; // nothing but tags and anchors seen yet
    while i < end {
        let c = b[i];
        match c {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'#' if is_blank(at(b, i.wrapping_sub(1))) => {
                h.span(i, end, "comment");
                return None;
            }
            b'!' | b'&' | b'*' => {
                let mut e = i + 1;
                while e < end && !is_blank(b[e]) && !b",[]{}".contains(&b[e]) {
                    e += 1;
                }
                h.span(i, e, "tag");
                i = e;
                continue;
            }
            b'|' | b'>' if first && depth == 0 => return Some(block_scalar(h, i, end, indent)),
            b'"' | b'\'' => {
                let e = string_end(b, i, &[c], c == b'"', false).min(end);
                let is_key = depth > 0 && at(b, skip_blanks(b, e, end)) == b':';
                h.span(i, e, if is_key { "key" } else { "string" });
                i = e;
            }
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b',' | b':' if depth > 0 => i += 1,
            _ => {
                let flow_end = |j: usize| {
                    depth > 0
                        && (b",[]{}".contains(&b[j])
                            || (b[j] == b':'
                                && (j + 1 == end
                                    || is_blank(b[j + 1])
                                    || b",[]{}".contains(&b[j + 1]))))
                };
                let mut j = i;
                while j < end && !(b[j] == b'#' && j > i && is_blank(b[j - 1])) && !flow_end(j) {
                    j += 1;
                }
                let e = trim_end(b, i, j);
                let word = &b[i..e];
                let class = if depth > 0 && at(b, j) == b':' {
                    Some("key")
                } else if word == b"~" || YAML_LITERALS.iter().any(|l| word.eq_ignore_ascii_case(l))
                {
                    Some("literal")
                } else if looks_numeric(word) {
                    Some("number")
                } else {
                    None
                };
                if let Some(class) = class {
                    h.span(i, e, class);
                }
                i = j.max(i + 1);
            }
        }
        first = false;
    }
    None
}

/// Highlights a block scalar's indicator at `i` and its body: the following lines that are
/// blank or indented deeper than `indent`. Returns where the first line after it starts.
fn block_scalar(h: &mut Hl, i: usize, end: usize, indent: usize) -> usize {
    let b = h.b;
    let mut j = i + 1;
    while j < end && matches!(b[j], b'-' | b'+' | b'0'..=b'9') {
        j += 1;
    }
    h.span(i, j, "operator");
    let rest = skip_blanks(b, j, end);
    if rest < end && b[rest] == b'#' {
        h.span(rest, end, "comment");
    }
    let mut line = line_end(b, end) + 1;
    let (mut body, mut body_end) = (None, line);
    while line < b.len() {
        let eol = line_end(b, line);
        let text = skip_blanks(b, line, eol);
        if text < eol {
            if text - line <= indent {
                break;
            }
            body.get_or_insert(text);
            body_end = trim_end(b, line, eol);
        }
        line = eol + 1;
    }
    if let Some(body) = body {
        h.span(body, body_end, "string");
    }
    line
}

// ---- JSON (comments allowed, as in tsconfig.json)

pub(super) fn json(h: &mut Hl) {
    let b = h.b;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (e, class) = if c == b'"' {
            let e = string_end(b, i, b"\"", true, false);
            let after = (e..b.len()).find(|&j| !is_blank(b[j])).unwrap_or(e);
            let key = at(b, after) == b':';
            (e, if key { "key" } else { "string" })
        } else if c == b'/' && at(b, i + 1) == b'/' {
            (line_end(b, i), "comment")
        } else if c == b'/' && at(b, i + 1) == b'*' {
            (find_end(b, i + 2, b"*/"), "comment")
        } else if c.is_ascii_digit() || (c == b'-' && at(b, i + 1).is_ascii_digit()) {
            (number_end(b, i + 1), "number")
        } else if c.is_ascii_alphabetic() {
            let e = ident_end(b, i);
            let literal = matches!(&b[i..e], b"true" | b"false" | b"null");
            (e, if literal { "literal" } else { "" })
        } else {
            (i + 1, "")
        };
        if !class.is_empty() {
            h.span(i, e, class);
        }
        i = e;
    }
}

// ---- TOML

pub(super) fn toml(h: &mut Hl) {
    let b = h.b;
    let (mut i, mut depth, mut line_start) = (0, 0usize, true);
    while i < b.len() {
        let c = b[i];
        let (e, class) = match c {
            b'\n' | b' ' | b'\t' | b'\r' => {
                line_start |= c == b'\n';
                i += 1;
                continue;
            }
            b'#' => (line_end(b, i), "comment"),
            b'[' if line_start && depth == 0 => {
                let eol = line_end(b, i);
                let close = (i..eol).find(|&j| b[j] == b']').unwrap_or(eol);
                let double = at(b, i + 1) == b'[' && at(b, close + 1) == b']';
                ((close + 1 + usize::from(double)).min(eol), "key")
            }
            b'[' | b'{' => {
                depth += 1;
                (i + 1, "")
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                (i + 1, "")
            }
            b'"' | b'\'' => {
                let triple = at(b, i + 1) == c && at(b, i + 2) == c;
                let e = if triple {
                    string_end(b, i, &[c, c, c], c == b'"', true)
                } else {
                    string_end(b, i, &[c], c == b'"', false)
                };
                let is_key = !triple && matches!(at(b, skip_blanks(b, e, b.len())), b'=' | b'.');
                (e, if is_key { "key" } else { "string" })
            }
            _ if is_ident(c) || c == b'-' || c == b'+' => {
                let mut e = i;
                while is_ident(at(b, e)) || b"-+.:".contains(&at(b, e)) {
                    e += 1;
                }
                let word = &b[i..e];
                if at(b, skip_blanks(b, e, b.len())) == b'=' {
                    // A key at the start of a line is back at the top level, whatever came before.
                    depth = if line_start { 0 } else { depth };
                    (e, "key")
                } else if word == b"true" || word == b"false" {
                    (e, "literal")
                } else {
                    (e, if looks_numeric(word) { "number" } else { "" })
                }
            }
            _ => (i + 1, ""),
        };
        if !class.is_empty() {
            h.span(i, e, class);
        }
        line_start = false;
        i = e.max(i + 1);
    }
}
