//! The data of a data-kind exercise: the `[data]` table of `exercise.toml` (which files,
//! which tolerance), and the files it names, parsed by [`crate::data`] when the exercise
//! is loaded so that a bad data set is an author's load error, never a learner's surprise.

use super::ExerciseError;
use super::spec::{Parser, suggestion};
use crate::data::drift::{DriftedProperty, drifted_properties, parse_drift_report};
use crate::data::xray::{Waterfall, parse_trace};
use crate::data::{DoraTolerance, Template, dora};
use std::fmt;
use std::num::NonZeroU32;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of `[data]`, per kind.
const DORA_KEYS: [&str; 5] = [
    "deployments",
    "incidents",
    "window_days",
    "tolerance_percent",
    "tolerance_absolute",
];
const XRAY_KEYS: [&str; 1] = ["trace"];
const DRIFT_KEYS: [&str; 2] = ["report", "template"];

/// Longest window a DORA data set may name, in days (ten years).
const MAX_WINDOW_DAYS: i64 = 3_650;

/// The data set of a data-kind exercise, read and parsed at load.
///
/// It holds the answer (the computed metrics, the drifted properties, every span's self
/// time), so it is explicitly not `Serialize`: the browser gets
/// [`super::PublicData`], made from the raw texts and the answer-free parts.
#[derive(Debug, Clone)]
pub enum DataSet {
    /// `dora-metrics`: a deployment record and its four keys.
    Dora {
        /// `deployments.csv` as authored.
        deployments_csv: String,
        /// `incidents.csv` as authored.
        incidents_csv: String,
        /// The four keys, computed at load.
        metrics: dora::DoraMetrics,
        /// How far a submitted number may be from the computed one.
        tolerance: DoraTolerance,
    },
    /// `xray-bottleneck`: one trace as a waterfall, self times included.
    Xray {
        /// The parsed trace.
        trace: Waterfall,
    },
    /// `drift`: a drift report, its drifted properties and, optionally, the template.
    Drift {
        /// The report as authored (`describe-stack-resource-drifts` output).
        report_json: String,
        /// The properties that drifted: at least one.
        drifted: Vec<DriftedProperty>,
        /// The stack's template as authored, when given.
        template_text: Option<String>,
        /// The parsed template, when given.
        template: Option<Template>,
    },
}

impl DataSet {
    /// Which data kind this is.
    pub fn kind(&self) -> DataKind {
        match self {
            DataSet::Dora { .. } => DataKind::DoraMetrics,
            DataSet::Xray { .. } => DataKind::XrayBottleneck,
            DataSet::Drift { .. } => DataKind::Drift,
        }
    }
}

/// A file named in `[data]`, and the line that named it (0 for a default name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileRef {
    pub name: String,
    pub line: usize,
}

/// What `[data]` says, files not yet read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DataSpec {
    Dora {
        deployments: FileRef,
        incidents: FileRef,
        window_days: Option<NonZeroU32>,
        tolerance: DoraTolerance,
    },
    Xray {
        trace: FileRef,
    },
    Drift {
        report: FileRef,
        template: Option<FileRef>,
    },
}

impl DataSpec {
    /// Which data kind this is.
    pub fn kind(&self) -> DataKind {
        match self {
            DataSpec::Dora { .. } => DataKind::DoraMetrics,
            DataSpec::Xray { .. } => DataKind::XrayBottleneck,
            DataSpec::Drift { .. } => DataKind::Drift,
        }
    }
}

impl Parser {
    /// Reads the `[data]` table of a data kind (absent: every default).
    pub(super) fn data_spec(
        &mut self,
        kind: DataKind,
        data: Option<&Spanned<DeValue<'_>>>,
    ) -> DataSpec {
        let empty = DeTable::new();
        let table = match data {
            None => &empty,
            Some(v) => match v.get_ref().as_table() {
                Some(t) => t,
                None => {
                    let line = self.line(v.span().start);
                    self.error(line, "`data` must be a table (`[data]`)");
                    &empty
                }
            },
        };
        let allowed: &[&str] = match kind {
            DataKind::DoraMetrics => &DORA_KEYS,
            DataKind::XrayBottleneck => &XRAY_KEYS,
            DataKind::Drift => &DRIFT_KEYS,
        };
        self.unknown_keys(
            table,
            allowed,
            &format!(" in `[data]` of a {kind} exercise"),
        );
        // A file's name as given, or `default` (reported at line 0, the file itself).
        let file = |p: &mut Parser, key: &str, default: Option<&str>| match table.get(key) {
            Some(v) => {
                let line = p.line(v.span().start);
                let name = p
                    .value::<String>(v, &format!("`{key}`"))
                    .unwrap_or_default();
                Some(FileRef { name, line })
            }
            None => default.map(|name| FileRef {
                name: name.to_owned(),
                line: 0,
            }),
        };
        let required = |p: &mut Parser, key: &str, default: &str| {
            file(p, key, Some(default)).unwrap_or_else(|| FileRef {
                name: default.to_owned(),
                line: 0,
            })
        };
        match kind {
            DataKind::DoraMetrics => DataSpec::Dora {
                deployments: required(self, "deployments", "deployments.csv"),
                incidents: required(self, "incidents", "incidents.csv"),
                window_days: self.window_days(table),
                tolerance: self.tolerance(table),
            },
            DataKind::XrayBottleneck => DataSpec::Xray {
                trace: required(self, "trace", "trace.json"),
            },
            DataKind::Drift => DataSpec::Drift {
                report: required(self, "report", "drift.json"),
                template: file(self, "template", None),
            },
        }
    }

    fn window_days(&mut self, table: &DeTable<'_>) -> Option<NonZeroU32> {
        let v = table.get("window_days")?;
        let n = self.value::<i64>(v, "`window_days`")?;
        match u32::try_from(n).ok().and_then(NonZeroU32::new) {
            Some(days) if n <= MAX_WINDOW_DAYS => Some(days),
            _ => {
                let line = self.line(v.span().start);
                self.error(
                    line,
                    format!(
                        "`window_days` must be a whole number of days from 1 to {MAX_WINDOW_DAYS}"
                    ),
                );
                None
            }
        }
    }

    fn tolerance(&mut self, table: &DeTable<'_>) -> DoraTolerance {
        let percent = table.get("tolerance_percent");
        let absolute = table.get("tolerance_absolute");
        if let (Some(_), Some(v)) = (percent, absolute) {
            let line = self.line(v.span().start);
            self.error(
                line,
                "give `tolerance_percent` or `tolerance_absolute`, not both",
            );
            return DoraTolerance::default();
        }
        let (v, key) = match (percent, absolute) {
            (Some(v), _) => (v, "tolerance_percent"),
            (_, Some(v)) => (v, "tolerance_absolute"),
            _ => return DoraTolerance::default(),
        };
        let line = self.line(v.span().start);
        let Some(x) = self.value::<f64>(v, &format!("`{key}`")) else {
            return DoraTolerance::default();
        };
        match key {
            "tolerance_percent" if x > 0.0 && x <= 50.0 => DoraTolerance::Relative(x / 100.0),
            "tolerance_absolute" if x > 0.0 && x.is_finite() => DoraTolerance::Absolute(x),
            _ => {
                let range = if key == "tolerance_percent" {
                    "a percentage above 0 and at most 50"
                } else {
                    "a number above 0"
                };
                self.error(line, format!("`{key}` must be {range}"));
                DoraTolerance::default()
            }
        }
    }
}

/// Parses the data files of `spec`, `read` giving each file's text (or `None` when it
/// could not be read, its error already recorded). Problems with the data go to
/// `errors`, each with its file under `dir` and, when the parser gives one, its line.
pub(super) fn build(
    spec: &DataSpec,
    dir: &Path,
    read: &mut dyn FnMut(&FileRef) -> Option<String>,
    errors: &mut Vec<ExerciseError>,
) -> Option<DataSet> {
    let mut fail = |file: &FileRef, line: usize, message: String| {
        errors.push(ExerciseError {
            file: dir.join(&file.name),
            line,
            message,
        });
    };
    match spec {
        DataSpec::Dora {
            deployments,
            incidents,
            window_days,
            tolerance,
        } => {
            let (d, i) = (read(deployments), read(incidents));
            let (deployments_csv, incidents_csv) = (d?, i?);
            match dora::parse(&deployments_csv, &incidents_csv) {
                Ok(data) => Some(DataSet::Dora {
                    metrics: data.metrics(*window_days),
                    deployments_csv,
                    incidents_csv,
                    tolerance: *tolerance,
                }),
                Err(e) => {
                    let file = if e.file == "incidents.csv" {
                        incidents
                    } else {
                        deployments
                    };
                    fail(file, e.line, e.message);
                    None
                }
            }
        }
        DataSpec::Xray { trace } => match parse_trace(&read(trace)?) {
            Ok(waterfall) => Some(DataSet::Xray { trace: waterfall }),
            Err(e) => {
                fail(trace, json_line(&e.message), e.message);
                None
            }
        },
        DataSpec::Drift { report, template } => {
            let report_json = read(report);
            let template_text = match template {
                Some(t) => Some(read(t)?),
                None => None,
            };
            let report_json = report_json?;
            let parsed = match parse_drift_report(&report_json) {
                Ok(r) => r,
                Err(e) => {
                    fail(report, json_line(&e.message), e.message);
                    return None;
                }
            };
            let drifted = drifted_properties(&parsed);
            if drifted.is_empty() {
                fail(
                    report,
                    0,
                    "no property drifted in this report (no MODIFIED resource with a \
                     difference): there is nothing for the learner to find"
                        .to_owned(),
                );
                return None;
            }
            let parsed_template = match (template, &template_text) {
                (Some(file), Some(text)) => match Template::parse(text) {
                    Ok(t) => {
                        let known: Vec<&str> =
                            t.resources.iter().map(|r| r.logical_id.as_str()).collect();
                        for d in &drifted {
                            if t.resource(&d.logical_id).is_none() {
                                let hint = suggestion(&d.logical_id, &known)
                                    .map(|s| format!(" (did you mean `{s}`?)"))
                                    .unwrap_or_default();
                                fail(
                                    file,
                                    0,
                                    format!(
                                        "`{}` drifted in the report but is not a resource of \
                                         the template{hint}",
                                        d.logical_id
                                    ),
                                );
                                return None;
                            }
                        }
                        Some(t)
                    }
                    Err(e) => {
                        fail(file, template_line(&e.message), e.message);
                        return None;
                    }
                },
                _ => None,
            };
            Some(DataSet::Drift {
                report_json,
                drifted,
                template_text,
                template: parsed_template,
            })
        }
    }
}

/// The line of a JSON syntax error in a whole file (`… is not valid JSON: … at line 3
/// column 5`); 0 for any other problem, including errors inside an embedded document,
/// whose lines are not the file's.
fn json_line(message: &str) -> usize {
    let whole_file = message.starts_with("the file is not valid JSON")
        || message.starts_with("the report is not valid JSON");
    if !whole_file {
        return 0;
    }
    message
        .rsplit_once(" at line ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The line of a template's YAML error (`the template: line 3, column 5: …`), else 0.
fn template_line(message: &str) -> usize {
    message
        .strip_prefix("the template: line ")
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The data-analysis kinds, checked outside the linters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataKind {
    /// The four DORA metrics from a deployment record.
    DoraMetrics,
    /// The slowest segment of an X-Ray trace.
    XrayBottleneck,
    /// Drift between a template and the deployed resources.
    Drift,
}

impl DataKind {
    /// Every data kind, in a stable order.
    pub const ALL: [DataKind; 3] = [
        DataKind::DoraMetrics,
        DataKind::XrayBottleneck,
        DataKind::Drift,
    ];

    /// The name used in `exercise.toml`.
    pub fn name(self) -> &'static str {
        match self {
            DataKind::DoraMetrics => "dora-metrics",
            DataKind::XrayBottleneck => "xray-bottleneck",
            DataKind::Drift => "drift",
        }
    }

    /// The keys of the learner's answer document.
    pub fn answer_keys(self) -> &'static [&'static str] {
        match self {
            DataKind::DoraMetrics => &DORA_ANSWER_KEYS,
            DataKind::XrayBottleneck => &["bottleneck"],
            DataKind::Drift => &["logical_id", "property_path"],
        }
    }

    /// The values a check's `key` may take: what the data module grades.
    pub fn check_keys(self) -> &'static [&'static str] {
        match self {
            DataKind::DoraMetrics => &DORA_ANSWER_KEYS,
            DataKind::XrayBottleneck => &["bottleneck"],
            DataKind::Drift => &["drift"],
        }
    }
}

/// The four numbers of a DORA answer, as [`crate::data::check_dora_answer`] reads them.
const DORA_ANSWER_KEYS: [&str; 4] = [
    "deployment_frequency_per_day",
    "lead_time_median_hours",
    "change_failure_rate_percent",
    "recovery_median_hours",
];

impl fmt::Display for DataKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
