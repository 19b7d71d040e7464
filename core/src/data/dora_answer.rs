//! Checking the four numbers a learner computed by hand from a DORA data set.
//!
//! The answer is TOML or YAML with any of these keys:
//!
//! ```toml
//! deployment_frequency_per_day = 0.71
//! lead_time_median_hours = 14
//! change_failure_rate_percent = 20
//! recovery_median_hours = 1.5
//! ```
//!
//! Each key gets an [`AnswerCheck`]. A number passes within the tolerance (2 % of the
//! expected value unless the exercise sets another); a wrong one is called too high or
//! too low, with a hint when it is the right number in the wrong unit (per week, minutes,
//! days, a fraction), never with the expected value. When no incident names a
//! deployment there is no recovery time: leaving the key out, or writing `"none"`,
//! passes.

use super::dora::DoraMetrics;
use super::number::number_of;
use super::{AnswerCheck, AnswerError};
use crate::doc::{self, Node, Pos, Value};

/// Longest answer read, in bytes.
const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// How far a submitted number may be from the computed one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DoraTolerance {
    /// A fraction of the expected value: `Relative(0.02)` is ± 2 %.
    Relative(f64),
    /// The same absolute amount for every key, in its own unit.
    Absolute(f64),
}

impl Default for DoraTolerance {
    fn default() -> Self {
        DoraTolerance::Relative(0.02)
    }
}

impl DoraTolerance {
    fn accepts(self, given: f64, expected: f64) -> bool {
        let room = match self {
            DoraTolerance::Relative(r) => r.abs() * expected.abs(),
            DoraTolerance::Absolute(a) => a.abs(),
        };
        // Floating-point slack, so that 0.714 is within 2 % of 10 ÷ 14 at the boundary.
        (given - expected).abs() <= room + 1e-9 * expected.abs().max(1.0)
    }
}

/// A unit mix-up worth a hint: the factor that turns the expected value into the
/// mistaken one, and what to say.
type Hint = (f64, &'static str);

/// The keys, their names for people, and their hints.
const KEYS: [(&str, &str, &[Hint]); 4] = [
    (
        "deployment_frequency_per_day",
        "Deployment frequency",
        &[(7.0, "this looks like deployments per week; give it per day")],
    ),
    (
        "lead_time_median_hours",
        "Median lead time",
        &[
            (60.0, "this looks like minutes; give it in hours"),
            (1.0 / 24.0, "this looks like days; give it in hours"),
        ],
    ),
    (
        "change_failure_rate_percent",
        "Change failure rate",
        &[(
            0.01,
            "this looks like a fraction; give a percentage (20 for 20 %)",
        )],
    ),
    (
        "recovery_median_hours",
        "Median recovery time",
        &[
            (60.0, "this looks like minutes; give it in hours"),
            (1.0 / 24.0, "this looks like days; give it in hours"),
        ],
    ),
];

/// Checks a learner's `answer` (TOML or YAML) against `metrics`: one [`AnswerCheck`] per
/// key, in the order of the keys above, then one failed check per unknown key. Fails
/// only when the answer cannot be read as a table of keys at all.
pub fn check_dora_answer(
    metrics: &DoraMetrics,
    answer: &str,
    tolerance: DoraTolerance,
) -> Result<Vec<AnswerCheck>, AnswerError> {
    let entries = read_answer(answer)?;
    let expected = |key: &str| match key {
        "deployment_frequency_per_day" => Some(metrics.deployment_frequency_per_day),
        "lead_time_median_hours" => Some(metrics.lead_time_median_hours),
        "change_failure_rate_percent" => Some(metrics.change_failure_rate_percent),
        _ => metrics.recovery_median_hours,
    };
    let mut checks = Vec::new();
    for (key, name, hints) in KEYS {
        let given = entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        checks.push(check_one(key, name, hints, expected(key), given, tolerance));
    }
    for (key, _) in &entries {
        if !KEYS.iter().any(|(k, _, _)| k == key) {
            let keys: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
            let mut c = AnswerCheck::fail(
                key,
                format!(
                    "`{key}` is not a key of this answer; the keys are {}.",
                    keys.join(", ")
                ),
            );
            c.expected_hidden = false;
            checks.push(c);
        }
    }
    Ok(checks)
}

fn check_one(
    key: &str,
    name: &str,
    hints: &[Hint],
    expected: Option<f64>,
    given: Option<&Node>,
    tolerance: DoraTolerance,
) -> AnswerCheck {
    let Some(expected) = expected else {
        let none = given.is_none_or(|g| match &g.value {
            Value::Null => true,
            Value::Str(s) => matches!(
                s.trim().to_lowercase().as_str(),
                "" | "none" | "n/a" | "na" | "-"
            ),
            _ => false,
        });
        return if none {
            AnswerCheck::pass(
                key,
                format!(
                    "Right: no incident was caused by a deployment, so there is no {}.",
                    name.to_lowercase()
                ),
            )
        } else {
            AnswerCheck::fail(
                key,
                format!(
                    "{name}: look again at which incidents count; leave this key out if none \
                     of them does."
                ),
            )
        };
    };
    let Some(given) = given else {
        return AnswerCheck::fail(key, format!("{name} is missing: add `{key} = …`."));
    };
    let Some(x) = number_of(given) else {
        return AnswerCheck::fail(key, format!("{name} should be a number, like 12.5."));
    };
    if tolerance.accepts(x, expected) {
        return AnswerCheck::pass(key, format!("{name}: right ({}).", short(expected)));
    }
    let direction = if x > expected { "too high" } else { "too low" };
    let hint = hints
        .iter()
        .find(|(factor, _)| expected != 0.0 && tolerance.accepts(x, expected * factor))
        .map(|(_, hint)| format!(": {hint}"))
        .unwrap_or_default();
    AnswerCheck::fail(key, format!("{name} is {direction}{hint}."))
}

/// A number with at most two decimals and no trailing zeros.
fn short(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The top-level keys of a TOML or YAML table.
fn read_answer(answer: &str) -> Result<Vec<(String, Node)>, AnswerError> {
    let bad = |message: String| AnswerError { message };
    if answer.len() > MAX_ANSWER_BYTES {
        return Err(bad(format!(
            "The answer is too long: at most {} KB.",
            MAX_ANSWER_BYTES / 1024
        )));
    }
    let toml_error = match answer.parse::<toml::Table>() {
        Ok(table) => {
            return Ok(table
                .into_iter()
                .map(|(k, v)| (k.trim().to_owned(), toml_node(v)))
                .collect());
        }
        Err(e) => e.message().to_owned(),
    };
    let limits = doc::Limits {
        max_bytes: MAX_ANSWER_BYTES,
        max_depth: 8,
        max_nodes: 1_000,
    };
    match doc::parse_yaml(answer, limits) {
        Ok(Node {
            value: Value::Map(entries),
            ..
        }) => Ok(entries
            .into_iter()
            .map(|(k, v)| (k.trim().to_owned(), v))
            .collect()),
        _ => Err(bad(format!(
            "Write one `key = value` per line, like `lead_time_median_hours = 14` ({toml_error})."
        ))),
    }
}

/// Scalars as [`Node`]s; a table or array becomes a value that is not a number.
fn toml_node(v: toml::Value) -> Node {
    let value = match v {
        toml::Value::String(s) => Value::Str(s),
        toml::Value::Integer(i) => Value::Int(i),
        toml::Value::Float(f) => Value::Float(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::Str(d.to_string()),
        toml::Value::Array(_) => Value::Seq(Vec::new()),
        toml::Value::Table(_) => Value::Map(Vec::new()),
    };
    Node {
        value,
        tag: None,
        pos: Pos::default(),
    }
}
