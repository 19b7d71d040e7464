//! The metric series of a `cloudwatch-alarm` exercise: `[data] series = "series.csv"`,
//! one datapoint per minute, read and parsed when the exercise is loaded so that a bad
//! series is an author's load error (with its file and line), and so that its `alarm`
//! checks can run the learner's alarm over it.
//!
//! The file is `minute,value` lines after that header, minutes counting 1, 2, 3, … with
//! no gap; an empty value is a minute without a datapoint:
//!
//! ```text
//! minute,value
//! 1,0.41
//! 2,0.44
//! 3,
//! ```

use super::ExerciseError;
use super::dataset::FileRef;
use super::spec::{Parser, suggestion};
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Most minutes a series may hold: one day. Besides keeping the file and the chart
/// readable, this keeps every alarm CloudWatch accepts on one-minute periods (at most
/// 1,440 evaluation periods, one day) well under the simulator's work cap, calm history
/// before minute 1 included, so such a series is never "too long to simulate".
pub const MAX_SERIES_POINTS: usize = 1_440;

/// The keys of `[data]` in a `cloudwatch-alarm` exercise.
const SERIES_KEYS: [&str; 2] = ["series", "unit"];

/// CloudWatch's units (`StandardUnit` in the CloudWatch API reference).
const UNITS: [&str; 27] = [
    "Seconds",
    "Microseconds",
    "Milliseconds",
    "Bytes",
    "Kilobytes",
    "Megabytes",
    "Gigabytes",
    "Terabytes",
    "Bits",
    "Kilobits",
    "Megabits",
    "Gigabits",
    "Terabits",
    "Percent",
    "Count",
    "Bytes/Second",
    "Kilobytes/Second",
    "Megabytes/Second",
    "Gigabytes/Second",
    "Terabytes/Second",
    "Bits/Second",
    "Kilobits/Second",
    "Megabits/Second",
    "Gigabits/Second",
    "Terabits/Second",
    "Count/Second",
    "None",
];

/// The metric series an alarm exercise runs the learner's alarm over.
///
/// It is not an answer (the learner must see it to reason about the alarm), but like the
/// rest of [`super::Checker`] it reaches the browser only through
/// [`super::PublicData::Series`].
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    /// One value per minute, minute 1 first; `None` where the metric has no datapoint.
    pub points: Vec<Option<f64>>,
    /// The CloudWatch unit of the values (`Seconds`, `Percent`), when the exercise names it.
    pub unit: Option<String>,
}

/// What `[data]` of an alarm exercise says, the file not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SeriesSpec {
    pub file: FileRef,
    pub unit: Option<String>,
}

impl Parser {
    /// Reads the `[data]` table of a `cloudwatch-alarm` exercise.
    pub(super) fn series_spec(&mut self, data: &Spanned<DeValue<'_>>) -> SeriesSpec {
        let empty = DeTable::new();
        let table = match data.get_ref().as_table() {
            Some(t) => t,
            None => {
                let line = self.line(data.span().start);
                self.error(line, "`data` must be a table (`[data]`)");
                &empty
            }
        };
        self.unknown_keys(
            table,
            &SERIES_KEYS,
            " in `[data]` of a cloudwatch-alarm exercise",
        );
        let file = match table.get("series") {
            Some(v) => FileRef {
                line: self.line(v.span().start),
                name: self.value::<String>(v, "`series`").unwrap_or_default(),
            },
            None => FileRef {
                name: "series.csv".to_owned(),
                line: 0,
            },
        };
        let unit = table.get("unit").and_then(|v| {
            let unit = self.value::<String>(v, "`unit`")?;
            if UNITS.contains(&unit.as_str()) {
                return Some(unit);
            }
            let hint = suggestion(&unit, &UNITS)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            let line = self.line(v.span().start);
            self.error(
                line,
                format!(
                    "unknown unit `{unit}` ({hint}CloudWatch's units are {})",
                    UNITS.join(", ")
                ),
            );
            None
        });
        SeriesSpec { file, unit }
    }
}

/// Reads and parses the series `spec` names, `read` giving the file's text (or `None`
/// when it could not be read, its error already recorded). A bad series goes to
/// `errors` with its file under `dir` and its line.
pub(super) fn build(
    spec: &SeriesSpec,
    dir: &Path,
    read: &mut dyn FnMut(&FileRef) -> Option<String>,
    errors: &mut Vec<ExerciseError>,
) -> Option<MetricSeries> {
    let text = read(&spec.file)?;
    match parse(&text) {
        Ok(points) => Some(MetricSeries {
            points,
            unit: spec.unit.clone(),
        }),
        Err((line, message)) => {
            errors.push(ExerciseError {
                file: dir.join(&spec.file.name),
                line,
                message,
            });
            None
        }
    }
}

/// Parses a series file: the values, minute 1 first, or the first problem's line and
/// message. Blank lines are skipped.
pub(super) fn parse(text: &str) -> Result<Vec<Option<f64>>, (usize, String)> {
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((n, header)) = lines.next() else {
        return Err((
            0,
            "the series is empty: write the header `minute,value`, then one line a minute"
                .to_owned(),
        ));
    };
    let fields: Vec<String> = header
        .split(',')
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    if fields != ["minute", "value"] {
        return Err((
            n,
            "the first line must be the header `minute,value`".to_owned(),
        ));
    }
    let mut points = Vec::new();
    for (n, line) in lines {
        let expected = points.len() + 1;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [minute, value] = fields.as_slice() else {
            return Err((
                n,
                format!(
                    "a line is `minute,value` (`{expected},0.42`, or `{expected},` for a minute \
                     without a datapoint), not {} fields",
                    fields.len()
                ),
            ));
        };
        match minute.parse::<usize>() {
            Ok(m) if m == expected => {}
            Ok(m) => {
                return Err((
                    n,
                    format!(
                        "minute {m} where minute {expected} was expected: minutes run 1, 2, 3, \
                         … with no gap (write `{expected},` for a minute without a datapoint)"
                    ),
                ));
            }
            Err(_) => {
                return Err((n, format!("`{minute}` is not a minute number (1, 2, 3, …)")));
            }
        }
        if expected > MAX_SERIES_POINTS {
            return Err((
                n,
                format!("a series holds at most {MAX_SERIES_POINTS} minutes (one day)"),
            ));
        }
        let value = if value.is_empty() {
            None
        } else {
            match value.parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    return Err((
                        n,
                        format!(
                            "`{value}` is not a number (leave the value empty for a minute \
                             without a datapoint)"
                        ),
                    ));
                }
            }
        };
        points.push(value);
    }
    if points.is_empty() {
        return Err((0, "the series has no minutes after its header".to_owned()));
    }
    if points.iter().all(Option::is_none) {
        return Err((
            0,
            "every minute of the series is missing: give at least one value".to_owned(),
        ));
    }
    Ok(points)
}
