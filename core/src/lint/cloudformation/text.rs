//! Positions inside the source text, and "did you mean" hints.

use super::Template;
use crate::doc::{Node, Pos};
use crate::names::edit_distance;

/// Where the key `name` of a value at `value_pos` is written: block mappings start at
/// their first key, so a resource's logical id is on a line above its `Type:`. Looks a
/// few lines up for `name:` (or a quoted `"name":`), else keeps the value's position.
pub(super) fn key_pos(lines: &[&str], name: &str, value_pos: Pos) -> Pos {
    let last = value_pos.line.min(lines.len());
    let first = last.saturating_sub(10).max(1);
    for line_no in (first..=last).rev() {
        let line = lines[line_no - 1];
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let after = [name, &format!("\"{name}\""), &format!("'{name}'")]
            .iter()
            .find_map(|k| body.strip_prefix(*k));
        if after.is_some_and(|a| a.trim_start().starts_with(':')) {
            return Pos {
                line: line_no,
                col: indent + 1,
            };
        }
    }
    value_pos
}

/// Where inside `node` (a string) the byte `offset` is, as well as can be told. For a
/// `|` literal block the lines are counted; the loader places a tagged block at its tag
/// (`!Sub |`) and an untagged one at its first content line. Anything else keeps the
/// string's own start.
pub(super) fn pos_in_string(tpl: &Template, node: &Node, text: &str, offset: usize) -> Pos {
    let newlines = text[..offset.min(text.len())].matches('\n').count();
    if newlines == 0 {
        return node.pos;
    }
    let line_at = |n: usize| tpl.lines.get(n.wrapping_sub(1)).copied();
    let starts_block = |rest: &str| {
        let rest = rest.trim_start();
        let after = rest
            .strip_prefix('|')
            .map(|r| r.trim_start_matches(['-', '+']).trim_start());
        after.is_some_and(|a| a.is_empty() || a.starts_with('#'))
    };
    let at_node = line_at(node.pos.line)
        .and_then(|l| l.get(node.pos.col.saturating_sub(1)..))
        .unwrap_or_default();
    let after_tag = at_node
        .strip_prefix('!')
        .map(|t| t.trim_start_matches(|c: char| !c.is_whitespace()))
        .unwrap_or(at_node);
    let first_content_line = if starts_block(after_tag) {
        node.pos.line + 1
    } else if line_at(node.pos.line.saturating_sub(1))
        .and_then(|l| l.rsplit_once(':').map(|(_, v)| v))
        .is_some_and(starts_block)
    {
        node.pos.line
    } else {
        return node.pos;
    };
    let line = first_content_line + newlines;
    let col = line_at(line).map_or(1, |l| l.len() - l.trim_start().len() + 1);
    Pos { line, col }
}

/// A name close to `wanted` among `candidates`, for "did you mean" hints.
pub(super) fn closest<'c>(
    wanted: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.eq_ignore_ascii_case(wanted) {
            return Some(c);
        }
        if c.len().abs_diff(wanted.len()) > 2 || c.len() > 64 || wanted.len() > 64 {
            continue;
        }
        let d = edit_distance(wanted, c);
        if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}
