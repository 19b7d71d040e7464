//! `alarm` checks: a `cloudwatch-alarm` exercise's metric series (`series.rs`) is run
//! through the learner's alarm by the simulator of [`crate::lint::evaluate_alarm`], which
//! gives the alarm's state after each minute, and a check wants the alarm to fire, or to
//! stay quiet, within a window of minutes.
//!
//! A failed check says what the simulation saw ("the alarm fires at minute 5", "it never
//! fires from minute 12 to minute 15"), never the alarm that would pass, and points at
//! the setting most likely at fault: `TreatMissingData` when missing minutes were counted
//! as breaching, `Threshold` when no datapoint of the window crosses it, and otherwise M
//! of N (`DatapointsToAlarm`, or `EvaluationPeriods` when M is left to default to N).

use super::checks::RawTest;
use super::run::Outcome;
use super::spec::{Parser, suggestion};
use super::{AlarmExpectation, MAX_SERIES_POINTS, MetricSeries, Test};
use crate::doc::{Node, Value};
use crate::lang::Lang;
use crate::lint::{AlarmState, Kind, ParseFailure, evaluate_alarm};
use regex::Regex;
use std::sync::LazyLock;

/// The values of `alarm`.
const EXPECTATIONS: [&str; 2] = ["fires", "quiet"];

/// The alarm's period, in seconds, that a series of one datapoint a minute stands for.
const SERIES_PERIOD: f64 = 60.0;

/// Most evaluation periods the simulator takes (one day of 10-second periods).
const MAX_EVALUATION_PERIODS: f64 = 8640.0;

impl Parser {
    /// Reads an `alarm` check's `alarm`, `from` and `to`. `series` tells whether the
    /// exercise has a metric series to run the alarm over.
    pub(super) fn alarm_test(
        &mut self,
        raw: &RawTest,
        kind: Kind,
        series: bool,
        name: &str,
        at: &dyn Fn(&str) -> usize,
    ) -> Option<Test> {
        if kind != Kind::CloudwatchAlarm {
            self.error(
                at("alarm"),
                format!(
                    "`alarm` checks are for cloudwatch-alarm exercises, not {kind} ones: they \
                     run the alarm over a metric series"
                ),
            );
            return None;
        }
        if !series {
            self.error(
                at("alarm"),
                format!(
                    "{name} runs the alarm over the exercise's metric series, and there is \
                     none: add `[data]` with `series = \"series.csv\"`"
                ),
            );
            return None;
        }
        let word = raw.alarm.as_deref().unwrap_or_default();
        let expect = match word {
            "fires" => Some(AlarmExpectation::Fires),
            "quiet" => Some(AlarmExpectation::Quiet),
            other => {
                let hint = suggestion(other, &EXPECTATIONS)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.error(
                    at("alarm"),
                    format!("`alarm = \"{other}\"`: use \"fires\" or \"quiet\"{hint}"),
                );
                None
            }
        };
        let minute = |p: &mut Parser, key: &str, value: Option<i64>| {
            let Some(value) = value else {
                p.error(
                    at("alarm"),
                    format!(
                        "{name} needs `from` and `to`, the first and last minute of its window \
                         (minute 1 is the series' first datapoint)"
                    ),
                );
                return None;
            };
            match usize::try_from(value) {
                Ok(m) if (1..=MAX_SERIES_POINTS).contains(&m) => Some(m),
                _ => {
                    p.error(
                        at(key),
                        format!("`{key} = {value}` is not a minute of a series (1, 2, 3, …)"),
                    );
                    None
                }
            }
        };
        let from = minute(self, "from", raw.from);
        // Missing both: say it once.
        let to = if raw.from.is_none() && raw.to.is_none() {
            None
        } else {
            minute(self, "to", raw.to)
        };
        let (expect, from, to) = (expect?, from?, to?);
        if from > to {
            self.error(
                at("to"),
                format!(
                    "`to = {to}` comes before `from = {from}`: the window runs from minute \
                     `from` to minute `to`, both included"
                ),
            );
            return None;
        }
        Some(Test::Alarm { expect, from, to })
    }
}

/// The learner's alarm run over the series, or why it could not be.
pub(super) enum Simulation {
    /// The state after each minute, with what explains it.
    Ran(Run),
    /// The alarm has a literal `Period` other than a minute, on this line.
    WrongPeriod { line: usize },
    /// The alarm cannot be simulated (a missing setting, a function, several alarms).
    Failed(ParseFailure),
}

/// A successful simulation.
pub(super) struct Run {
    /// The alarm's state after each minute of the series.
    states: Vec<AlarmState>,
    /// Each period's datapoint against the threshold (breaching, within, or missing):
    /// the calm history first, then the series.
    history: Vec<Option<bool>>,
    /// How many periods of calm history come before minute 1.
    calm: usize,
    /// `EvaluationPeriods` (N) and `DatapointsToAlarm` (M).
    n: usize,
    m: usize,
    /// Lines of the settings a failure points at.
    threshold_line: usize,
    m_of_n_line: usize,
    treat_missing_line: Option<usize>,
}

/// Runs the alarm in `src` (already linted, its tree `root`) over `series`.
///
/// The series is taken as an excerpt of a metric the alarm has watched for a while, on a
/// healthy service: N + 1 periods within the threshold are put before minute 1, so the
/// evaluation range of an early minute does not reach into periods the simulator would
/// otherwise count as missing (with `breaching`, a page at minute 1 that no pencil on
/// the series would find). The alarm so enters minute 1 in OK.
pub(super) fn simulate(root: &Node, src: &str, series: &MetricSeries) -> Simulation {
    let props = alarm_props(root);
    if let Some(period) = props.get("Period")
        && number(period).is_some_and(|p| p != SERIES_PERIOD)
    {
        return Simulation::WrongPeriod {
            line: period.pos.line,
        };
    }
    let whole = |key: &str| {
        props
            .get(key)
            .and_then(number)
            .filter(|x| x.fract() == 0.0 && (1.0..=MAX_EVALUATION_PERIODS).contains(x))
            .map(|x| x as usize)
    };
    let threshold = props.get("Threshold").and_then(number);
    let op = props.get("ComparisonOperator").and_then(Node::as_str);
    // A value within the threshold whatever it is; none when the simulator will refuse
    // the alarm anyway.
    let calm_value = match op {
        Some("GreaterThanOrEqualToThreshold" | "GreaterThanThreshold") => f64::NEG_INFINITY,
        Some("LessThanThreshold" | "LessThanOrEqualToThreshold") => f64::INFINITY,
        _ => f64::NAN,
    };
    let n = whole("EvaluationPeriods");
    let calm = match n {
        Some(n) if !calm_value.is_nan() => n + 1,
        _ => 0,
    };
    let mut values = vec![Some(calm_value); calm];
    values.extend_from_slice(&series.points);
    let states = match evaluate_alarm(src, &values) {
        Ok(mut states) => states.split_off(calm),
        Err(e) => return Simulation::Failed(e),
    };
    // The simulator accepted the alarm: it is the only one, with literal settings.
    let (Some(threshold), Some(op), Some(n)) = (threshold, op, n) else {
        // Not reached: the simulator needs all three.
        return Simulation::Failed(ParseFailure {
            line: props.pos.line,
            col: props.pos.col,
            message: "the alarm needs `Threshold`, `ComparisonOperator` and `EvaluationPeriods`"
                .to_owned(),
        });
    };
    let breaches = |x: f64| match op {
        "GreaterThanOrEqualToThreshold" => x >= threshold,
        "GreaterThanThreshold" => x > threshold,
        "LessThanThreshold" => x < threshold,
        _ => x <= threshold,
    };
    let line = |key: &str| props.get(key).map(|n| n.pos.line);
    let evaluation_line = line("EvaluationPeriods").unwrap_or(props.pos.line);
    Simulation::Ran(Run {
        states,
        history: values.iter().map(|v| v.map(breaches)).collect(),
        calm,
        n,
        m: whole("DatapointsToAlarm").unwrap_or(n),
        threshold_line: line("Threshold").unwrap_or(evaluation_line),
        m_of_n_line: line("DatapointsToAlarm").unwrap_or(evaluation_line),
        treat_missing_line: line("TreatMissingData"),
    })
}

/// The outcome of an `alarm` check on `sim`: whether the alarm fires (or stays quiet)
/// from minute `from` to minute `to`, both included.
pub(super) fn outcome(
    sim: &Simulation,
    expect: AlarmExpectation,
    from: usize,
    to: usize,
    lang: Lang,
) -> Outcome {
    let run = match sim {
        Simulation::Ran(run) => run,
        Simulation::WrongPeriod { line } => return failed(*line, wrong_period(lang)),
        Simulation::Failed(e) => return failed(e.line, cannot_simulate(&e.message, lang)),
    };
    // A window past the end of the series is refused at load; stay safe all the same.
    let to = to.min(run.states.len());
    let alarm_at = (from..=to).find(|&minute| run.states[minute - 1] == AlarmState::Alarm);
    match (expect, alarm_at) {
        (AlarmExpectation::Fires, Some(_)) | (AlarmExpectation::Quiet, None) => Outcome {
            passed: true,
            line: None,
            detail: None,
        },
        (AlarmExpectation::Quiet, Some(minute)) => {
            // The minute it went into ALARM, maybe before the window (never before
            // minute 1: it enters the series in OK).
            let mut fired = minute;
            while fired > 1 && run.states[fired - 2] == AlarmState::Alarm {
                fired -= 1;
            }
            failed(run.quiet_line(fired), fires_at(fired, from, lang))
        }
        (AlarmExpectation::Fires, None) => {
            let window = &run.history[run.calm + from - 1..run.calm + to];
            let crossed = window.contains(&Some(true));
            let line = if crossed {
                run.m_of_n_line
            } else {
                run.threshold_line
            };
            failed(line, never_fires(from, to, crossed, lang))
        }
    }
}

fn failed(line: usize, detail: String) -> Outcome {
    Outcome {
        passed: false,
        line: Some(line),
        detail: Some(detail),
    }
}

impl Run {
    /// The line to blame for the alarm going into ALARM at `minute`: `TreatMissingData`
    /// when fewer than M real datapoints breached in that evaluation (so missing ones
    /// were counted as breaching), else M of N.
    fn quiet_line(&self, minute: usize) -> usize {
        // The simulator's evaluation range: N + 2 periods, ending with `minute`.
        let end = self.calm + minute;
        let range = &self.history[end.saturating_sub(self.n + 2)..end];
        let real = range.iter().flatten().count();
        let real_breaching = range.iter().filter(|b| **b == Some(true)).count();
        match self.treat_missing_line {
            Some(line) if real < self.n && real_breaching < self.m => line,
            _ => self.m_of_n_line,
        }
    }
}

/// The mapping that holds the alarm's settings: the document itself, a resource's
/// `Properties`, or those of a template's one alarm resource.
fn alarm_props(root: &Node) -> &Node {
    const ALARM: &str = "AWS::CloudWatch::Alarm";
    let is_alarm = |n: &Node| n.get("Type").and_then(Node::as_str) == Some(ALARM);
    if is_alarm(root) {
        return root.get("Properties").unwrap_or(root);
    }
    root.get("Resources")
        .and_then(|r| {
            r.entries()
                .iter()
                .find(|(_, res)| is_alarm(res))
                .and_then(|(_, res)| res.get("Properties"))
        })
        .unwrap_or(root)
}

/// A finite number from a number or a numeric string, as the simulator reads them.
fn number(node: &Node) -> Option<f64> {
    let x = match &node.value {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Str(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

/// "Minute 12" or "from minute 12 to minute 15", in `lang`.
fn window(from: usize, to: usize, lang: Lang) -> String {
    match (lang, from == to) {
        (Lang::En, true) => format!("at minute {from}"),
        (Lang::En, false) => format!("from minute {from} to minute {to}"),
        (Lang::Vi, true) => format!("ở phút {from}"),
        (Lang::Vi, false) => format!("từ phút {from} đến phút {to}"),
    }
}

fn fires_at(fired: usize, from: usize, lang: Lang) -> String {
    match (lang, fired < from) {
        (Lang::En, false) => format!("Run over the series, the alarm fires at minute {fired}."),
        (Lang::En, true) => format!(
            "Run over the series, the alarm fires at minute {fired} and is still in ALARM at \
             minute {from}."
        ),
        (Lang::Vi, false) => format!("Chạy trên chuỗi số liệu, alarm nổ ở phút {fired}."),
        (Lang::Vi, true) => format!(
            "Chạy trên chuỗi số liệu, alarm nổ ở phút {fired} và vẫn ở trạng thái ALARM ở phút \
             {from}."
        ),
    }
}

fn never_fires(from: usize, to: usize, crossed: bool, lang: Lang) -> String {
    let when = window(from, to, lang);
    match (lang, crossed) {
        (Lang::En, true) => format!("Run over the series, the alarm never fires {when}."),
        (Lang::En, false) => format!(
            "Run over the series, the alarm never fires {when}: no datapoint there crosses its \
             threshold."
        ),
        (Lang::Vi, true) => format!("Chạy trên chuỗi số liệu, alarm không nổ lần nào {when}."),
        (Lang::Vi, false) => format!(
            "Chạy trên chuỗi số liệu, alarm không nổ lần nào {when}: không datapoint nào trong \
             khoảng đó vượt qua threshold của nó."
        ),
    }
}

fn wrong_period(lang: Lang) -> String {
    match lang {
        Lang::En => "The series has one datapoint a minute, so the alarm is run over it only \
                     with `Period: 60`."
            .to_owned(),
        Lang::Vi => "Chuỗi số liệu có mỗi phút một datapoint, nên alarm chỉ được chạy trên đó \
                     với `Period: 60`."
            .to_owned(),
    }
}

pub(super) fn cannot_simulate(message: &str, lang: Lang) -> String {
    let message = message.trim_end_matches('.');
    match lang {
        Lang::En => format!("The alarm cannot be run over the series: {message}."),
        Lang::Vi => {
            let vi = super::answer_vi::translate_with(&SIMULATOR_VI, message)
                .unwrap_or_else(|| message.to_owned());
            format!("Không chạy được alarm trên chuỗi số liệu: {vi}.")
        }
    }
}

/// The simulator's reasons for refusing an alarm, in Vietnamese; a reason not known here
/// is shown in English. The tests go through every one.
static SIMULATOR_VI: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (
            r"^this template has (\d+) alarms; simulate one at a time$",
            "template này có ${1} alarm; mỗi lần chỉ mô phỏng được một alarm",
        ),
        (
            r"^`(\w+)` uses a CloudFormation function; give a literal value to simulate the alarm$",
            "`${1}` dùng một hàm CloudFormation; hãy ghi giá trị cụ thể để mô phỏng được alarm",
        ),
        (
            r"^the alarm needs `(\w+)` to be simulated$",
            "alarm cần có `${1}` mới mô phỏng được",
        ),
        (
            r"^only alarms with a fixed threshold can be simulated; `ComparisonOperator` must be one of (.*)$",
            "chỉ mô phỏng được alarm có threshold cố định; `ComparisonOperator` phải là một \
             trong ${1}",
        ),
        (r"^`Threshold` must be a number$", "`Threshold` phải là một con số"),
        (
            r"^`EvaluationPeriods` must be a whole number from 1 to (\d+)$",
            "`EvaluationPeriods` phải là số nguyên từ 1 đến ${1}",
        ),
        (
            r"^`DatapointsToAlarm` must be a whole number from 1 to `EvaluationPeriods`$",
            "`DatapointsToAlarm` phải là số nguyên từ 1 đến `EvaluationPeriods`",
        ),
        (
            r"^`TreatMissingData` must be one of (.*)$",
            "`TreatMissingData` phải là một trong ${1}",
        ),
        (
            r"^the series is too long to simulate$",
            "chuỗi số liệu quá dài để mô phỏng",
        ),
    ]
    .into_iter()
    .filter_map(|(pattern, vi)| Regex::new(pattern).ok().map(|re| (re, vi)))
    .collect()
});
