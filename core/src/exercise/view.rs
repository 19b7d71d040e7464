//! What the browser is shown of an exercise: no solution, no checks, no known-wrong
//! answers. Check messages are left out too: read together they spell out the solution
//! more plainly than the instructions do, so the learner sees them only as checks fail.
//!
//! A data kind's data set is shown as the learner would get it from AWS: the CSV files,
//! the drift report and template as authored, and a trace's spans without their self
//! time (which names the bottleneck at a glance). Computed metrics and drifted
//! properties stay on the server. An alarm exercise's metric series is shown whole, for
//! the page to draw: the learner works the alarm out from it.

use super::{Checker, DataSet, Exercise};
use crate::data::xray::{Span, SpanKind};
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// An exercise without anything that gives the answer away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicExercise {
    /// Unique in its module.
    pub id: String,
    /// The kind's name (`"dockerfile"`), for the editor's syntax highlighting.
    pub kind: String,
    /// The title in the requested language (or English).
    pub title: String,
    /// Markdown instructions in the requested language (or English).
    pub instructions: String,
    /// True when Vietnamese was asked for and English is shown.
    pub fallback: bool,
    /// The file the learner starts from.
    pub starter: String,
    /// Points for passing every check.
    pub points: u32,
    /// How many checks a submission must pass.
    pub checks: usize,
    /// Failed submissions after which the solution can be shown (0: always; none: never).
    pub solution_after_failed: Option<u32>,
    /// The data set to work from: a data kind's, or an alarm exercise's metric series.
    #[serde(default)]
    pub data: Option<PublicData>,
}

/// The data set of a data-kind exercise, or the metric series of an alarm exercise, as
/// the learner may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PublicData {
    /// `dora-metrics`: the two CSV files, as authored.
    Dora {
        /// `deployments.csv`.
        deployments_csv: String,
        /// `incidents.csv`.
        incidents_csv: String,
    },
    /// `xray-bottleneck`: the trace as a waterfall, without self times.
    Xray {
        /// The trace's `Id`, when the file gives it.
        trace_id: Option<String>,
        /// Sorted by start, a parent before the children that start with it.
        spans: Vec<PublicSpan>,
    },
    /// `drift`: the drift report and the template, as authored.
    Drift {
        /// The `describe-stack-resource-drifts` output.
        report_json: String,
        /// The stack's template, when the exercise gives it.
        template: Option<String>,
    },
    /// `cloudwatch-alarm` with a metric series: the values the learner's alarm is run
    /// over, one a minute. Not an answer: the learner reasons about the alarm from it.
    Series {
        /// Minute 1 first; `None` (JSON `null`) where the metric has no datapoint.
        points: Vec<Option<f64>>,
        /// The CloudWatch unit of the values (`Seconds`), when the exercise names it.
        unit: Option<String>,
    },
}

/// One bar of a trace's waterfall. Times are milliseconds from the trace's first start.
/// There is deliberately no self time: working it out is the exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSpan {
    /// The segment's or subsegment's id.
    pub id: String,
    /// The parent span's id; `None` for a root.
    pub parent: Option<String>,
    /// The service, AWS service, host or block of code.
    pub name: String,
    /// Segment, subsegment or inferred segment.
    pub kind: PublicSpanKind,
    /// `aws` or `remote` for calls, when the document says.
    pub namespace: Option<String>,
    /// The AWS operation (`GetItem`, `SendMessage`), when there is one.
    pub operation: Option<String>,
    /// Nesting depth, roots at 0.
    pub depth: usize,
    /// Start, from the trace's first start.
    pub start_ms: f64,
    /// End minus start.
    pub duration_ms: f64,
    /// The HTTP response status, when there is one.
    pub http_status: Option<u16>,
    /// A 4xx error.
    pub error: bool,
    /// A 5xx fault.
    pub fault: bool,
    /// A 429 throttle.
    pub throttle: bool,
}

/// What a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicSpanKind {
    /// The work of one service for the request.
    Segment,
    /// A call or a block of work inside a segment.
    Subsegment,
    /// A segment X-Ray inferred for a downstream AWS resource.
    Inferred,
}

impl From<&Span> for PublicSpan {
    fn from(s: &Span) -> Self {
        PublicSpan {
            id: s.id.clone(),
            parent: s.parent.clone(),
            name: s.name.clone(),
            kind: match s.kind {
                SpanKind::Segment => PublicSpanKind::Segment,
                SpanKind::Subsegment => PublicSpanKind::Subsegment,
                SpanKind::Inferred => PublicSpanKind::Inferred,
            },
            namespace: s.namespace.clone(),
            operation: s.operation.clone(),
            depth: s.depth,
            start_ms: s.start_ms,
            duration_ms: s.duration_ms,
            http_status: s.http_status,
            error: s.error,
            fault: s.fault,
            throttle: s.throttle,
        }
    }
}

/// The answer-free view of a data set.
fn public_data(data: &DataSet) -> PublicData {
    match data {
        DataSet::Dora {
            deployments_csv,
            incidents_csv,
            ..
        } => PublicData::Dora {
            deployments_csv: deployments_csv.clone(),
            incidents_csv: incidents_csv.clone(),
        },
        DataSet::Xray { trace } => PublicData::Xray {
            trace_id: trace.trace_id.clone(),
            spans: trace.spans.iter().map(PublicSpan::from).collect(),
        },
        DataSet::Drift {
            report_json,
            template_text,
            ..
        } => PublicData::Drift {
            report_json: report_json.clone(),
            template: template_text.clone(),
        },
    }
}

/// The answer-free view of `ex` in `lang`.
pub fn public_view(ex: &Exercise, lang: Lang) -> PublicExercise {
    let (text, fallback) = ex.instructions(lang);
    PublicExercise {
        id: ex.id.clone(),
        kind: ex.checker.name().to_owned(),
        title: text.title.clone(),
        instructions: text.markdown.clone(),
        fallback,
        starter: ex.starter.clone(),
        points: ex.points,
        checks: ex.checks.len(),
        solution_after_failed: ex.policy.after_failed,
        data: match &ex.checker {
            Checker::Lint(_) => None,
            Checker::Data(data) => Some(public_data(data)),
            Checker::Alarm(series) => Some(PublicData::Series {
                points: series.points.clone(),
                unit: series.unit.clone(),
            }),
        },
    }
}
