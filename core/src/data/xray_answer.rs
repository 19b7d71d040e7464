//! Checking the span a learner names as a trace's bottleneck.
//!
//! The learner types a span's name (`payments.internal.example.com`, any case, spaces
//! trimmed) or its id. It passes when a span by that name or id is the bottleneck, or
//! is an inferred segment standing for it (X-Ray draws both, under the same name). A
//! wrong span gets a hint that depends on where it sits: an ancestor of the bottleneck
//! "waits on something it calls"; any other span "is not where the time goes".

use super::AnswerCheck;
use super::xray::{Span, SpanKind, Waterfall, bottleneck};

const KEY: &str = "bottleneck";

/// Checks the learner's `answer` (a span name or id) against the trace's bottleneck.
pub fn check_bottleneck_answer(trace: &Waterfall, answer: &str) -> AnswerCheck {
    let typed = answer.split_whitespace().collect::<Vec<_>>().join(" ");
    if typed.is_empty() {
        return AnswerCheck::fail(KEY, "Name the span, or paste its id.");
    }
    if typed.chars().count() > 300 {
        return AnswerCheck::fail(KEY, "That is longer than any span name here.");
    }
    let Some(target) = bottleneck(trace).and_then(|id| trace.spans.iter().find(|s| s.id == id))
    else {
        return AnswerCheck::fail(KEY, "This trace has no spans.");
    };
    let named: Vec<&Span> = trace
        .spans
        .iter()
        .filter(|s| {
            s.id.eq_ignore_ascii_case(&typed) || s.name.to_lowercase() == typed.to_lowercase()
        })
        .collect();
    if named.is_empty() {
        return AnswerCheck::fail(
            KEY,
            format!(
                "There is no span named `{typed}` in this trace; copy a name from the waterfall."
            ),
        );
    }
    let stands_for_target = |s: &Span| {
        s.id == target.id
            || (s.kind == SpanKind::Inferred && s.parent.as_deref() == Some(target.id.as_str()))
    };
    if named.iter().any(|s| stands_for_target(s)) {
        return AnswerCheck::pass(
            KEY,
            format!(
                "Right: {} spends {:.0} ms on its own, more than any other span.",
                target.name, target.self_ms
            ),
        );
    }
    if named.iter().any(|s| is_ancestor(trace, &s.id, &target.id)) {
        return AnswerCheck::fail(
            KEY,
            format!(
                "{typed} is slow mostly because it waits on something it calls: look at its \
                 children and compare the time each spends on its own."
            ),
        );
    }
    AnswerCheck::fail(
        KEY,
        format!(
            "{typed} is not where the time goes: compare how long each span spends on its own, \
             outside the spans it calls."
        ),
    )
}

/// Whether `ancestor` is above `id` in the tree.
fn is_ancestor(trace: &Waterfall, ancestor: &str, id: &str) -> bool {
    let parent_of = |id: &str| {
        trace
            .spans
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.parent.as_deref())
    };
    let mut at = parent_of(id);
    // Depth is capped when the trace is read, so this ends; the bound is belt and braces.
    for _ in 0..=super::xray::MAX_DEPTH {
        match at {
            Some(p) if p == ancestor => return true,
            Some(p) => at = parent_of(p),
            None => return false,
        }
    }
    false
}
