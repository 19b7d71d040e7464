//! Server-side syntax highlighting for the fenced code blocks in lessons.
//!
//! Each language family has a small hand-written lexer that makes one forward pass over the
//! code and wraps the tokens it recognises in `<span class="hl-…">`; everything else is copied
//! through HTML-escaped. The lexers are forgiving rather than strict: broken or unterminated
//! code is highlighted as far as it makes sense and never makes them fail. For every input:
//!
//! - the text of the output (tags removed, entities decoded) is exactly the input;
//! - the work is linear in the length of the input;
//! - tokens start and end only at ASCII bytes, so a multi-byte character is never split.
//!
//! The tests check these on realistic samples, adversarial strings and random input.
//! The colours live in `style/highlight.css`.

mod config;
mod script;
mod shell;
#[cfg(test)]
mod tests;

use config::{json, toml, yaml};
use script::{PYTHON, SCRIPT, code_like};
use shell::{Mode, dockerfile, shell};

/// [`highlight`], or the code HTML-escaped when `lang` is not supported.
pub fn highlight_or_escape(lang: &str, code: &str) -> String {
    highlight(lang, code).unwrap_or_else(|| {
        let mut out = String::with_capacity(code.len());
        escape_into(&mut out, code);
        out
    })
}

/// Highlights `code` written in `lang` (a fenced-code info string's first word, case-insensitive).
///
/// Returns HTML-escaped text with `<span class="hl-…">` around tokens, or `None` when the
/// language is not supported (the caller then HTML-escapes the code itself).
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    let lang = lang_of(lang)?;
    let mut h = Hl::new(code);
    match lang {
        Lang::Yaml => yaml(&mut h),
        Lang::Json => json(&mut h),
        Lang::Shell => {
            shell(&mut h, 0, code.len(), Mode::Script);
        }
        Lang::Dockerfile => dockerfile(&mut h),
        Lang::Python => code_like(&mut h, &PYTHON),
        Lang::Script => code_like(&mut h, &SCRIPT),
        Lang::Toml => toml(&mut h),
    }
    Some(h.finish())
}

/// True when `highlight` knows `lang`.
pub fn is_supported(lang: &str) -> bool {
    lang_of(lang).is_some()
}

/// The language families, one lexer each.
#[derive(Clone, Copy)]
enum Lang {
    Yaml,
    Json,
    Shell,
    Dockerfile,
    Python,
    Script,
    Toml,
}

fn lang_of(lang: &str) -> Option<Lang> {
    // Callers pass the first word, but an info string such as `yaml title="x"` is cheap to allow.
    let word = lang
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .find(|w| !w.is_empty())?;
    Some(match word.to_ascii_lowercase().as_str() {
        "yaml" | "yml" => Lang::Yaml,
        "json" => Lang::Json,
        "bash" | "sh" | "shell" | "console" | "zsh" => Lang::Shell,
        "dockerfile" | "docker" => Lang::Dockerfile,
        "python" | "py" => Lang::Python,
        "typescript" | "ts" | "javascript" | "js" => Lang::Script,
        "toml" => Lang::Toml,
        _ => return None,
    })
}

/// The HTML being built: the source, how much of it is already written, and the output.
struct Hl<'a> {
    src: &'a str,
    b: &'a [u8],
    done: usize,
    out: String,
}

impl<'a> Hl<'a> {
    fn new(src: &'a str) -> Self {
        let out = String::with_capacity(src.len() + src.len() / 2 + 16);
        Self {
            src,
            b: src.as_bytes(),
            done: 0,
            out,
        }
    }

    /// Writes `start..end` in a span of `class`, after writing any plain text before `start`.
    /// Overlaps with what is already written are clipped, so a lexer slip can never
    /// duplicate or drop text.
    fn span(&mut self, start: usize, end: usize, class: &str) {
        self.flush(start);
        let end = self.boundary(end);
        if end > self.done {
            self.out.push_str("<span class=\"hl-");
            self.out.push_str(class);
            self.out.push_str("\">");
            let text = self.text(self.done, end);
            escape_into(&mut self.out, text);
            self.out.push_str("</span>");
            self.done = end;
        }
    }

    /// Writes the plain text up to `upto`.
    fn flush(&mut self, upto: usize) {
        let upto = self.boundary(upto);
        if upto > self.done {
            let text = self.text(self.done, upto);
            escape_into(&mut self.out, text);
            self.done = upto;
        }
    }

    /// `i` moved forward to a character boundary, at most the end of the source.
    fn boundary(&self, i: usize) -> usize {
        let mut i = i.min(self.src.len());
        while !self.src.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    fn text(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or_default()
    }

    fn finish(mut self) -> String {
        self.flush(self.src.len());
        self.out
    }
}

fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, c) in text.bytes().enumerate() {
        let entity = match c {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices fall on character boundaries.
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

// ---- Byte helpers shared by the lexers. Out-of-range reads give 0 instead of panicking.

fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// First index at or after `i` (and before `end`) that is not a space, tab or CR.
fn skip_blanks(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && matches!(b[i], b' ' | b'\t' | b'\r') {
        i += 1;
    }
    i
}

/// `end` moved back over trailing spaces, tabs and CRs, but not before `start`.
fn trim_end(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(at(b, end - 1), b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    end
}

/// Index of the `\n` that ends the line containing `i`, or the length of the input.
fn line_end(b: &[u8], i: usize) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    rest.iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p)
}

/// Index just after the first `pat` at or after `i`, or the length of the input.
fn find_end(b: &[u8], i: usize, pat: &[u8]) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    if pat.is_empty() {
        return i.min(b.len());
    }
    rest.windows(pat.len())
        .position(|w| w == pat)
        .map_or(b.len(), |p| i + p + pat.len())
}

fn ident_end(b: &[u8], mut i: usize) -> usize {
    while is_ident(at(b, i)) || at(b, i) == b'$' {
        i += 1;
    }
    i
}

/// End of a string opened by `quote` at `i`: just after the closing quote or, when the
/// string is unterminated, at the end of the line (or of the input, when `multiline`).
fn string_end(b: &[u8], i: usize, quote: &[u8], escapes: bool, multiline: bool) -> usize {
    let mut j = i + quote.len();
    while j < b.len() {
        if escapes && b[j] == b'\\' {
            // Skip the escaped character, unless it is multi-byte: never land inside one.
            j += if at(b, j + 1).is_ascii() { 2 } else { 1 };
        } else if b[j..].starts_with(quote) {
            return j + quote.len();
        } else if b[j] == b'\n' && !multiline {
            return j;
        } else {
            j += 1;
        }
    }
    b.len()
}

/// End of a number starting with a digit at `i`: `42`, `0xFF`, `1_000n`, `3.14`, `6.02e-23`.
fn number_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    loop {
        let c = at(b, j);
        let exponent_sign =
            matches!(c, b'+' | b'-') && j > i && matches!(at(b, j - 1), b'e' | b'E');
        if is_ident(c) || (c == b'.' && at(b, j + 1).is_ascii_digit()) || exponent_sign {
            j += 1;
        } else {
            return j;
        }
    }
}

/// Whether a bare word is a number (or a date or time) in YAML, TOML or a shell.
fn looks_numeric(w: &[u8]) -> bool {
    let w = w
        .strip_prefix(b"-")
        .or_else(|| w.strip_prefix(b"+"))
        .unwrap_or(w);
    if matches!(w, b"inf" | b".inf" | b"nan" | b".nan") {
        return true;
    }
    if let Some(digits) = w
        .strip_prefix(b"0x")
        .or_else(|| w.strip_prefix(b"0o"))
        .or_else(|| w.strip_prefix(b"0b"))
    {
        return !digits.is_empty() && digits.iter().all(|&c| c.is_ascii_hexdigit() || c == b'_');
    }
    w.first().is_some_and(u8::is_ascii_digit)
        && w.iter().all(|&c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    b'.' | b'_' | b'-' | b'+' | b':' | b'e' | b'E' | b'T' | b'Z'
                )
        })
}

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split(' ').any(|w| w == word)
}
