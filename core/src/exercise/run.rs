//! Checking a submission, after the Exercism test runner's results: an overall status,
//! an error when the file could not be read at all, and one result per check.

use super::{
    Check, Checker, Exercise, MetricSeries, Rule, SolutionPolicy, Test, alarm, answer, assert,
    docker,
};
use crate::lang::Lang;
use crate::lint::{self, Finding, Kind, ParseFailure, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The overall outcome of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every check passed.
    Pass,
    /// The file was read and some check failed.
    Fail,
    /// The file could not be checked at all (see [`CheckRun::error`]).
    Error,
}

/// Why a submission could not be checked, with its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong, for a learner.
    pub message: String,
}

impl From<ParseFailure> for RunError {
    fn from(e: ParseFailure) -> Self {
        RunError {
            line: e.line,
            col: e.col,
            message: e.message,
        }
    }
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The check's id.
    pub id: String,
    /// Whether it passed.
    pub passed: bool,
    /// The check's message when it failed; a short "ok" when it passed.
    pub message: String,
    /// The check's hint when it failed.
    pub hint: Option<String>,
    /// The line of the submission the failure is about, when there is one.
    pub line: Option<usize>,
}

/// Everything a learner learns from one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRun {
    /// Pass, fail or error.
    pub status: Status,
    /// Why the file could not be checked (status error only).
    pub error: Option<RunError>,
    /// One result per check, in the exercise's order (empty on error).
    pub checks: Vec<CheckResult>,
    /// Passed checks ÷ checks, from 0 to 1.
    pub score: f64,
    /// The exercise's points × score, rounded down.
    pub points_earned: u32,
}

impl CheckRun {
    fn unreadable(error: RunError) -> Self {
        CheckRun {
            status: Status::Error,
            error: Some(error),
            checks: Vec::new(),
            score: 0.0,
            points_earned: 0,
        }
    }
}

/// Whether one check passed, the line a failure is about, and what the checker said
/// about it beyond the check's own message (data kinds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Outcome {
    pub passed: bool,
    pub line: Option<usize>,
    /// For the learner, in their language; never the expected value.
    pub detail: Option<String>,
}

/// Checks a learner's submission `src`; messages and hints come in `lang`, falling back
/// to English. The text is only parsed and read, never run.
pub fn check(ex: &Exercise, src: &str, lang: Lang) -> CheckRun {
    let outcomes = match &ex.checker {
        Checker::Lint(kind) => lint_outcomes(*kind, &ex.checks, src, None, lang),
        Checker::Alarm(series) => {
            lint_outcomes(Kind::CloudwatchAlarm, &ex.checks, src, Some(series), lang)
        }
        Checker::Data(data) => answer::data_outcomes(data, &ex.checks, src, lang),
    };
    let outcomes = match outcomes {
        Ok(o) => o,
        Err(e) => return CheckRun::unreadable(e),
    };
    let checks: Vec<CheckResult> = ex
        .checks
        .iter()
        .zip(outcomes)
        .map(|(c, o)| CheckResult {
            id: c.id.clone(),
            passed: o.passed,
            message: if o.passed {
                passed_text(lang).to_owned()
            } else {
                c.message.get(lang).to_owned()
            },
            hint: (!o.passed).then(|| match &o.detail {
                Some(detail) => format!("{} {detail}", c.hint.get(lang)),
                None => c.hint.get(lang).to_owned(),
            }),
            line: if o.passed { None } else { o.line },
        })
        .collect();
    let passed = checks.iter().filter(|c| c.passed).count();
    let total = checks.len();
    let score = if total == 0 {
        0.0
    } else {
        passed as f64 / total as f64
    };
    // Exact when everything passed; otherwise rounded down, never up.
    let points_earned = if passed == total && total > 0 {
        ex.points
    } else {
        ((f64::from(ex.points) * score) + 1e-9).floor() as u32
    };
    CheckRun {
        status: if passed == total && total > 0 {
            Status::Pass
        } else {
            Status::Fail
        },
        error: None,
        checks,
        score,
        points_earned,
    }
}

fn passed_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "ok",
        Lang::Vi => "đạt",
    }
}

/// Lints `src` (which enforces every input limit and the kind) and evaluates each check;
/// an alarm exercise's `alarm` checks run the alarm over its `series`.
fn lint_outcomes(
    kind: Kind,
    checks: &[Check],
    src: &str,
    series: Option<&MetricSeries>,
    lang: Lang,
) -> Result<Vec<Outcome>, RunError> {
    // One parse: the linter's tree is the one the path and alarm checks read.
    let (findings, tree) = lint::lint_tree(kind, src)?;
    let needs_alarm = checks.iter().any(|c| matches!(c.test, Test::Alarm { .. }));
    let needs_instructions = checks
        .iter()
        .any(|c| matches!(c.test, Test::Instruction { .. }));
    let instructions = if needs_instructions {
        docker::read(src)
    } else {
        Vec::new()
    };
    // Simulated once, for every `alarm` check.
    let simulation = match (&tree, series) {
        (Some(root), Some(series)) if needs_alarm => Some(alarm::simulate(root, src, series)),
        _ => None,
    };
    Ok(checks
        .iter()
        .map(|c| {
            if let Test::Alarm { expect, from, to } = &c.test {
                return match &simulation {
                    Some(sim) => alarm::outcome(sim, *expect, *from, *to, lang),
                    // An `alarm` check without a series is refused at load.
                    None => Outcome {
                        passed: false,
                        line: None,
                        detail: None,
                    },
                };
            }
            let (passed, line) = match &c.test {
                Test::Rule(rule) => rule_outcome(rule, &findings),
                Test::Path {
                    path,
                    assertion,
                    quantifier,
                } => match &tree {
                    Some(root) => assert::evaluate(root, path, assertion, *quantifier),
                    None => (false, None),
                },
                Test::Instruction {
                    keyword,
                    scope,
                    assertion,
                    quantifier,
                } => docker::evaluate(&instructions, keyword, *scope, assertion, *quantifier),
                // A data check in a lint exercise is refused when the exercise is loaded;
                // an alarm check was answered above.
                Test::Data { .. } | Test::Alarm { .. } => (false, None),
            };
            Outcome {
                passed,
                line,
                detail: None,
            }
        })
        .collect())
}

fn rule_outcome(rule: &Rule, findings: &[Finding]) -> (bool, Option<usize>) {
    let first = match rule {
        Rule::Id(id) => findings.iter().find(|f| f.rule == *id),
        Rule::NoErrors => findings.iter().find(|f| f.severity == Severity::Error),
    };
    (first.is_none(), first.map(|f| f.line))
}

/// Whether a learner with `failed_submissions` failed submissions may see the solution.
pub fn solution_available(policy: &SolutionPolicy, failed_submissions: u32) -> bool {
    match policy.after_failed {
        None => false,
        Some(n) => failed_submissions >= n,
    }
}

/// Something [`verify`] found wrong with an exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// An error, or a warning (the starter already passes).
    pub severity: Severity,
    /// What is wrong, for an author.
    pub message: String,
}

impl Problem {
    fn error(message: String) -> Problem {
        Problem {
            severity: Severity::Error,
            message,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.severity {
            Severity::Warning => write!(f, "warning: {}", self.message),
            Severity::Error => f.write_str(&self.message),
        }
    }
}

/// Proves an exercise's files agree with its checks; returns the problems, empty when
/// all is well: the solution passes every check, each known-wrong answer fails exactly
/// the checks it names, every named check exists, and (a warning) the starter does not
/// already pass. Data kinds are verified the same way, their answer documents graded
/// against the data set.
pub fn verify(ex: &Exercise) -> Vec<Problem> {
    let mut problems = Vec::new();
    let run = check(ex, &ex.solution, Lang::En);
    match &run.error {
        Some(e) => problems.push(Problem::error(format!(
            "the solution cannot be checked: line {}, column {}: {}",
            e.line, e.col, e.message
        ))),
        None => {
            for c in run.checks.iter().filter(|c| !c.passed) {
                let line = c.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                problems.push(Problem::error(format!(
                    "the solution fails check `{}`{line}",
                    c.id
                )));
            }
        }
    }
    for w in &ex.wrong {
        for id in w
            .fails
            .iter()
            .filter(|id| !ex.checks.iter().any(|c| c.id == **id))
        {
            problems.push(Problem::error(format!(
                "wrong answer `{}` names an unknown check `{id}`",
                w.file
            )));
        }
        let run = check(ex, &w.text, Lang::En);
        if let Some(e) = &run.error {
            problems.push(Problem::error(format!(
                "wrong answer `{}` cannot be checked: line {}, column {}: {}",
                w.file, e.line, e.col, e.message
            )));
            continue;
        }
        let failed: BTreeSet<&str> = run
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.id.as_str())
            .collect();
        let named: BTreeSet<&str> = w.fails.iter().map(String::as_str).collect();
        for id in failed.difference(&named) {
            problems.push(Problem::error(format!(
                "wrong answer `{}` also fails `{id}`, which its `fails` does not name",
                w.file
            )));
        }
        for id in named.difference(&failed) {
            if ex.checks.iter().any(|c| c.id == *id) {
                problems.push(Problem::error(format!(
                    "wrong answer `{}` passes `{id}`, which its `fails` names",
                    w.file
                )));
            }
        }
    }
    if check(ex, &ex.starter, Lang::En).status == Status::Pass {
        problems.push(Problem {
            severity: Severity::Warning,
            message: "the starter already passes every check".to_owned(),
        });
    }
    problems
}
