//! Tests of the linters: one failing and one passing example per rule, the fixture
//! folders, hostile input and the alarm evaluator.

use super::{Finding, Kind, Severity, lint};

mod alarm;
mod api;
mod appspec;
mod buildspec;
mod content;
mod ecs_task;
mod evaluator;
mod fixtures;
mod hostile;

/// The findings for `src`, which must parse.
fn findings(kind: Kind, src: &str) -> Vec<Finding> {
    lint(kind, src).unwrap_or_else(|e| panic!("{kind} did not parse: {e}\n{src}"))
}

/// The findings of `rule` for `src`.
fn of_rule(kind: Kind, src: &str, rule: &str) -> Vec<Finding> {
    findings(kind, src)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Asserts that `src` has exactly one finding, of `rule` with `severity` on `line`,
/// and returns its message.
#[track_caller]
fn only(kind: Kind, src: &str, rule: &str, severity: Severity, line: usize) -> String {
    let all = findings(kind, src);
    assert!(
        all.len() == 1 && all[0].rule == rule && all[0].severity == severity && all[0].line == line,
        "expected one {severity} {rule} on line {line}, got:\n{}\n--- source ---\n{src}",
        all.iter()
            .map(|f| format!("  {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    all[0].message.clone()
}

/// Asserts that `src` has no finding at all.
#[track_caller]
fn clean(kind: Kind, src: &str) {
    let all = findings(kind, src);
    assert!(
        all.is_empty(),
        "expected no findings, got:\n{}\n--- source ---\n{src}",
        all.iter()
            .map(|f| format!("  {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `base` with the first `from` replaced by `to` (which must be there).
#[track_caller]
fn with(base: &str, from: &str, to: &str) -> String {
    assert!(base.contains(from), "`{from}` is not in the base document");
    base.replacen(from, to, 1)
}
