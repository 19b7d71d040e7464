//! Tests of the Dockerfile parser and linter, one passing and one failing example per
//! rule.

mod fixtures;
mod hostile;
mod packages;
mod parser;
mod rules;

use super::lint;
use crate::lint::{Finding, Severity};

/// Lints `src`, which must be read as a Dockerfile.
fn findings(src: &str) -> Vec<Finding> {
    match lint(src) {
        Ok(found) => found,
        Err(e) => panic!("not read as a Dockerfile: {e}\n{src}"),
    }
}

/// The findings of `rule`.
fn of(src: &str, rule: &str) -> Vec<Finding> {
    findings(src)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// True when `rule` has a finding.
fn fires(src: &str, rule: &str) -> bool {
    !of(src, rule).is_empty()
}

/// Every error.
fn errors(src: &str) -> Vec<Finding> {
    findings(src)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// A final stage with nothing to complain about, to append to examples.
const GOOD_TAIL: &str = "USER app\nHEALTHCHECK CMD [\"true\"]\nCMD [\"app\"]\n";

/// `FROM debian:12-slim`, then `body`, then a clean ending.
fn image(body: &str) -> String {
    format!("FROM debian:12-slim\n{body}{GOOD_TAIL}")
}
