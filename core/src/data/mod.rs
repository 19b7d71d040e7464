//! Exercises answered over data: the learner reads a data set (deployment records, an
//! X-Ray trace, a CloudFormation drift report), works something out, and submits the
//! result, which is checked here.
//!
//! - [`dora`]: the four keys from `deployments.csv` and `incidents.csv`, in the format
//!   documented on the "Measure DORA for your team" page, and a checker for the four
//!   numbers a learner computes by hand.
//! - [`xray`]: a trace as `aws xray batch-get-traces` prints it, turned into a waterfall
//!   of spans with their self time, the bottleneck, and a checker for naming it.
//! - [`drift`]: a stack's `aws cloudformation describe-stack-resource-drifts` output, the
//!   properties that drifted, and a checker for naming one.
//!
//! Everything is pure: text in, values out. Every input is bounded in size and count,
//! so a hostile upload gets an error rather than a hang.
//!
//! # Keeping answers on the server
//!
//! Checkers return [`AnswerCheck`]s. A failed check never states the expected value
//! (`expected_hidden` is then true); a passed one may, since the learner has it already.
//! The computed results ([`dora::DoraMetrics`], [`xray::Waterfall`]) are `Serialize` so
//! that a page can show a learner's *own* data; when they are the answer of an exercise,
//! keep them on the server until the learner has answered (a waterfall's `self_ms` names
//! the bottleneck at a glance).

mod csv;
pub mod dora;
mod dora_answer;
pub mod drift;
mod drift_answer;
mod number;
mod time;
pub mod xray;
mod xray_answer;

#[cfg(test)]
mod tests;

pub use csv::CsvError;
pub use dora_answer::{DoraTolerance, check_dora_answer};
pub use drift_answer::{Template, TemplateResource, check_drift_answer, normalise_property_path};
pub use time::{civil_from_days, days_from_civil, parse_rfc3339};
pub use xray_answer::check_bottleneck_answer;

use serde::Serialize;

/// The verdict on one part of a learner's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerCheck {
    /// What was checked: a metric's key, `bottleneck` or `drift`.
    pub key: String,
    /// The part is right.
    pub passed: bool,
    /// The message deliberately leaves out the expected value (always so when the part
    /// is wrong), so the page must not add it either.
    pub expected_hidden: bool,
    /// For the learner, in plain words.
    pub message: String,
}

impl AnswerCheck {
    fn pass(key: &str, message: impl Into<String>) -> Self {
        AnswerCheck {
            key: key.to_owned(),
            passed: true,
            expected_hidden: false,
            message: message.into(),
        }
    }

    fn fail(key: &str, message: impl Into<String>) -> Self {
        AnswerCheck {
            key: key.to_owned(),
            passed: false,
            expected_hidden: true,
            message: message.into(),
        }
    }
}

/// Why a learner's answer could not be read at all. Nothing is graded; they can resend.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct AnswerError {
    /// What is wrong, for the learner.
    pub message: String,
}

/// Why an uploaded data document (trace, drift report, template) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DataError {
    /// What is wrong, for a person.
    pub message: String,
}

impl DataError {
    fn new(message: impl Into<String>) -> Self {
        DataError {
            message: message.into(),
        }
    }
}

/// Largest uploaded file of any kind, in bytes (5 MB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
