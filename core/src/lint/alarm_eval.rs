//! A simulator of CloudWatch metric alarm evaluation, so an exercise can check that a
//! learner's alarm "fires on the incident but not on the spike".
//!
//! It follows "Configuring how CloudWatch alarms treat missing data" in the CloudWatch
//! user guide (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html>):
//!
//! - Each evaluation looks at an *evaluation range* of recent periods, wider than
//!   `EvaluationPeriods` (N), in case some are missing.
//! - With at least N real datapoints in the range, the N most recent real ones are
//!   judged and `TreatMissingData` is not consulted.
//! - With fewer, the shortfall is filled as `TreatMissingData` says (`breaching`,
//!   `notBreaching`); all real datapoints in the range still count. With every
//!   datapoint missing, `missing` gives INSUFFICIENT_DATA and `ignore` keeps the state.
//! - The alarm is ALARM when at least `DatapointsToAlarm` (M) of the judged datapoints
//!   breach, OK otherwise.
//! - "Premature alarm" logic: with `missing` (and `ignore`, which then keeps the state),
//!   the alarm goes to ALARM when the oldest breaching datapoint among the last N periods
//!   is at least M periods old and every other datapoint in the range is breaching or
//!   missing, even with fewer than M real datapoints.
//!
//! Simplifications, documented for exercise authors: the evaluation range is N + 2
//! periods (the guide's examples use 5 for N = 3; the real range depends on the period
//! and the metric's resolution); one value per period is given, so the statistic is
//! already applied; evaluation happens once per period, at its end; anomaly detection
//! and metric math alarms cannot be simulated; the alarm starts in INSUFFICIENT_DATA.

use super::alarm::{STATIC_OPERATORS, TREAT_MISSING, find_alarms};
use super::support::{is_intrinsic, number, whole};
use super::{Kind, ParseFailure, check_text, load};
use crate::doc::Node;
use serde::Serialize;

/// Most evaluation periods an alarm can have (one day of 10-second periods).
const MAX_EVALUATION_PERIODS: i64 = 8640;
/// Cap on periods × range, so a simulation stays well under a second.
const MAX_WORK: usize = 20_000_000;

/// The state of an alarm after a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AlarmState {
    /// Within the threshold.
    Ok,
    /// Breaching the threshold.
    Alarm,
    /// Not enough data to tell.
    InsufficientData,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Treat {
    Missing,
    NotBreaching,
    Breaching,
    Ignore,
}

#[derive(Clone, Copy)]
enum Op {
    Ge,
    Gt,
    Lt,
    Le,
}

struct Config {
    threshold: f64,
    op: Op,
    /// `EvaluationPeriods`.
    n: usize,
    /// `DatapointsToAlarm`.
    m: usize,
    treat: Treat,
}

/// Runs the alarm in `src` over `series`, one value per period (`None` = no datapoint),
/// and returns the alarm state after each period.
///
/// The alarm may be bare, a resource, or the only alarm of a template. It needs literal
/// `ComparisonOperator` (not an anomaly band), `Threshold` and `EvaluationPeriods`;
/// `DatapointsToAlarm` defaults to `EvaluationPeriods` and `TreatMissingData` to `missing`.
pub fn evaluate_alarm(src: &str, series: &[Option<f64>]) -> Result<Vec<AlarmState>, ParseFailure> {
    check_text(src)?;
    let root = load(Kind::CloudwatchAlarm, src)?;
    let alarms = find_alarms(&root)?;
    let [alarm] = alarms.as_slice() else {
        return Err(ParseFailure::at(
            root.pos,
            format!(
                "this template has {} alarms; simulate one at a time",
                alarms.len()
            ),
        ));
    };
    let config = Config::read(alarm.props)?;
    if series.len().saturating_mul(config.n + 2) > MAX_WORK {
        return Err(ParseFailure::whole("the series is too long to simulate"));
    }
    Ok(config.run(series))
}

impl Config {
    fn read(props: &Node) -> Result<Config, ParseFailure> {
        let get = |key: &str| -> Result<Option<&Node>, ParseFailure> {
            match props.get(key) {
                Some(v) if is_intrinsic(v) => Err(ParseFailure::at(
                    v.pos,
                    format!(
                        "`{key}` uses a CloudFormation function; give a literal value to simulate the alarm"
                    ),
                )),
                other => Ok(other),
            }
        };
        let need = |key: &str| -> Result<&Node, ParseFailure> {
            get(key)?.ok_or_else(|| {
                ParseFailure::at(
                    props.pos,
                    format!("the alarm needs `{key}` to be simulated"),
                )
            })
        };
        let op_node = need("ComparisonOperator")?;
        let op = match op_node.as_str().unwrap_or("") {
            "GreaterThanOrEqualToThreshold" => Op::Ge,
            "GreaterThanThreshold" => Op::Gt,
            "LessThanThreshold" => Op::Lt,
            "LessThanOrEqualToThreshold" => Op::Le,
            _ => {
                return Err(ParseFailure::at(
                    op_node.pos,
                    format!(
                        "only alarms with a fixed threshold can be simulated; `ComparisonOperator` must be one of {}",
                        STATIC_OPERATORS.join(", ")
                    ),
                ));
            }
        };
        let threshold_node = need("Threshold")?;
        let threshold = number(threshold_node)
            .ok_or_else(|| ParseFailure::at(threshold_node.pos, "`Threshold` must be a number"))?;
        let n_node = need("EvaluationPeriods")?;
        let n = whole(n_node)
            .filter(|n| (1..=MAX_EVALUATION_PERIODS).contains(n))
            .ok_or_else(|| {
                ParseFailure::at(
                    n_node.pos,
                    format!("`EvaluationPeriods` must be a whole number from 1 to {MAX_EVALUATION_PERIODS}"),
                )
            })?;
        let m = match get("DatapointsToAlarm")? {
            None => n,
            Some(node) => whole(node).filter(|m| (1..=n).contains(m)).ok_or_else(|| {
                ParseFailure::at(
                    node.pos,
                    "`DatapointsToAlarm` must be a whole number from 1 to `EvaluationPeriods`",
                )
            })?,
        };
        let treat = match get("TreatMissingData")? {
            None => Treat::Missing,
            Some(node) => match node.as_str().unwrap_or("") {
                "missing" => Treat::Missing,
                "notBreaching" => Treat::NotBreaching,
                "breaching" => Treat::Breaching,
                "ignore" => Treat::Ignore,
                _ => {
                    return Err(ParseFailure::at(
                        node.pos,
                        format!(
                            "`TreatMissingData` must be one of {}",
                            TREAT_MISSING.join(", ")
                        ),
                    ));
                }
            },
        };
        // Both were range-checked above, so the casts cannot truncate.
        Ok(Config {
            threshold,
            op,
            n: n as usize,
            m: m as usize,
            treat,
        })
    }

    fn breaches(&self, value: f64) -> bool {
        match self.op {
            Op::Ge => value >= self.threshold,
            Op::Gt => value > self.threshold,
            Op::Lt => value < self.threshold,
            Op::Le => value <= self.threshold,
        }
    }

    fn run(&self, series: &[Option<f64>]) -> Vec<AlarmState> {
        let range = self.n + 2;
        // Each period as breaching (Some(true)), within (Some(false)) or missing (None);
        // a NaN counts as missing.
        let points: Vec<Option<bool>> = series
            .iter()
            .map(|v| v.filter(|x| !x.is_nan()).map(|x| self.breaches(x)))
            .collect();
        let mut state = AlarmState::InsufficientData;
        let mut states = Vec::with_capacity(points.len());
        let mut window = Vec::with_capacity(range);
        for end in 0..points.len() {
            // The range, oldest first, padded with missing periods before the series.
            window.clear();
            let start = (end + 1).saturating_sub(range);
            window.resize(range - (end + 1 - start), None);
            window.extend_from_slice(&points[start..=end]);
            if let Some(next) = self.evaluate(&window) {
                state = next;
            }
            states.push(state);
        }
        states
    }

    /// The state for one evaluation range (oldest first); `None` keeps the current state.
    fn evaluate(&self, window: &[Option<bool>]) -> Option<AlarmState> {
        let verdict = |breaching: usize| {
            if breaching >= self.m {
                AlarmState::Alarm
            } else {
                AlarmState::Ok
            }
        };
        let real: Vec<bool> = window.iter().flatten().copied().collect();
        if real.len() >= self.n {
            let judged = &real[real.len() - self.n..];
            return Some(verdict(judged.iter().filter(|b| **b).count()));
        }
        let real_breaching = real.iter().filter(|b| **b).count();
        if real.is_empty() {
            return match self.treat {
                Treat::Missing => Some(AlarmState::InsufficientData),
                Treat::Ignore => None,
                Treat::Breaching => Some(verdict(self.n)),
                Treat::NotBreaching => Some(AlarmState::Ok),
            };
        }
        match self.treat {
            Treat::Breaching => Some(verdict(real_breaching + (self.n - real.len()))),
            Treat::NotBreaching => Some(verdict(real_breaching)),
            Treat::Missing | Treat::Ignore => {
                if self.premature_alarm(window) {
                    // `ignore` does not let missing periods move the alarm.
                    return match self.treat {
                        Treat::Ignore => None,
                        _ => Some(AlarmState::Alarm),
                    };
                }
                Some(verdict(real_breaching))
            }
        }
    }

    /// The guide's "avoiding premature transitions" rule: every real datapoint in the
    /// range breaches, and the oldest breaching one among the last N periods is at least
    /// M periods old.
    fn premature_alarm(&self, window: &[Option<bool>]) -> bool {
        if window.contains(&Some(false)) {
            return false;
        }
        let recent = &window[window.len() - self.n..];
        recent
            .iter()
            .position(|p| *p == Some(true))
            .is_some_and(|oldest| self.n - oldest >= self.m)
    }
}
