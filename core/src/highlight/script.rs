//! The lexer for Python, TypeScript and JavaScript, set up per language by a [`Syntax`].

use super::{Hl, at, find_end, ident_end, line_end, listed, number_end, string_end};

/// What tells one C-like or Python-like language from another.
pub(super) struct Syntax {
    /// `#` comments (Python) rather than `//` and `/* */`.
    hash_comments: bool,
    /// Python: `'''`/`"""` strings, and prefixes such as `f"…"` or `rb'…'`.
    python_strings: bool,
    // Word lists, separated by single spaces.
    keywords: &'static str,
    literals: &'static str,
    builtins: &'static str,
    /// Keywords followed by the name of what they define.
    defines: &'static str,
}

pub(super) const PYTHON: Syntax = Syntax {
    hash_comments: true,
    python_strings: true,
    keywords: "and as assert async await break case class continue def del elif else except \
        finally for from global if import in is lambda match nonlocal not or pass raise return try \
        while with yield",
    literals: "None True False",
    builtins: "self cls print len range str int float bool dict list super isinstance",
    defines: "def class",
};

pub(super) const SCRIPT: Syntax = Syntax {
    hash_comments: false,
    python_strings: false,
    keywords: "abstract as async await break case catch class const continue debugger declare \
        default delete do else enum export extends finally for from function if implements import \
        in instanceof interface keyof let namespace new of private protected public readonly \
        return satisfies static super switch this throw try type typeof var void while yield",
    literals: "true false null undefined NaN Infinity",
    builtins: "console process require string number boolean any unknown never Promise JSON",
    defines: "function class interface type enum",
};

pub(super) fn code_like(h: &mut Hl, s: &Syntax) {
    let b = h.b;
    let mut i = 0;
    let mut name_next = false;
    while i < b.len() {
        let c = b[i];
        let (e, class) = if (s.hash_comments && c == b'#')
            || (!s.hash_comments && c == b'/' && at(b, i + 1) == b'/')
        {
            (line_end(b, i), "comment")
        } else if !s.hash_comments && c == b'/' && at(b, i + 1) == b'*' {
            (find_end(b, i + 2, b"*/"), "comment")
        } else if c == b'"' || c == b'\'' || (c == b'`' && !s.python_strings) {
            (code_string_end(b, i, s), "string")
        } else if c.is_ascii_digit() {
            (number_end(b, i), "number")
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let e = ident_end(b, i);
            let word = h.text(i, e);
            let prefix =
                s.python_strings && e - i <= 2 && word.bytes().all(|c| b"rRbBfFuU".contains(&c));
            if prefix && matches!(at(b, e), b'"' | b'\'') {
                (code_string_end(b, e, s), "string")
            } else if i > 0 && b[i - 1] == b'.' {
                (e, "") // a member, such as `props.type` or `re.match`, is never a keyword
            } else if listed(s.keywords, word) {
                (e, "keyword")
            } else if name_next {
                (e, "function")
            } else if listed(s.literals, word) {
                (e, "literal")
            } else if listed(s.builtins, word) {
                (e, "builtin")
            } else {
                (e, "")
            }
        } else {
            (i + 1, "")
        };
        if !class.is_empty() {
            h.span(i, e, class);
        }
        if !c.is_ascii_whitespace() {
            name_next = class == "keyword" && listed(s.defines, h.text(i, e));
        }
        i = e;
    }
}

fn code_string_end(b: &[u8], i: usize, s: &Syntax) -> usize {
    let q = at(b, i);
    if s.python_strings && at(b, i + 1) == q && at(b, i + 2) == q {
        string_end(b, i, &[q, q, q], true, true)
    } else {
        string_end(b, i, &[q], true, q == b'`')
    }
}
