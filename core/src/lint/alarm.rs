//! CloudWatch metric alarm rules (`alarm/*`), for a bare alarm (the shape of
//! `put-metric-alarm --cli-input-json`), one `AWS::CloudWatch::Alarm` resource, or a
//! CloudFormation template holding alarms.

use super::support::{Source, did_you_mean, is_intrinsic, number, one_of, whole};
use super::{Finding, Kind, ParseFailure, guess_kind, wrong_kind};
use crate::doc::{Node, Pos, Value};

const DOC: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html";
const DOC_API: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";
const DOC_MISSING: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html";

const ALARM_TYPE: &str = "AWS::CloudWatch::Alarm";
const KEYS: [&str; 21] = [
    "AlarmName",
    "AlarmDescription",
    "ActionsEnabled",
    "OKActions",
    "AlarmActions",
    "InsufficientDataActions",
    "MetricName",
    "Namespace",
    "Statistic",
    "ExtendedStatistic",
    "Dimensions",
    "Period",
    "Unit",
    "EvaluationPeriods",
    "DatapointsToAlarm",
    "Threshold",
    "ComparisonOperator",
    "TreatMissingData",
    "EvaluateLowSampleCountPercentile",
    "Metrics",
    "ThresholdMetricId",
];
/// Comparison operators against a fixed `Threshold`.
pub(super) const STATIC_OPERATORS: [&str; 4] = [
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
];
/// Comparison operators against an anomaly detection band (`ThresholdMetricId`).
const BAND_OPERATORS: [&str; 3] = [
    "LessThanLowerOrGreaterThanUpperThreshold",
    "LessThanLowerThreshold",
    "GreaterThanUpperThreshold",
];
const STATISTICS: [&str; 5] = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
pub(super) const TREAT_MISSING: [&str; 4] = ["missing", "notBreaching", "breaching", "ignore"];
/// Longest evaluation range, in seconds, and the one for periods under an hour.
const MAX_RANGE: i64 = 7 * 24 * 3600;
const MAX_RANGE_SHORT_PERIOD: i64 = 24 * 3600;

/// One alarm found in a document: its CloudFormation logical id, if any, and the
/// mapping that holds `MetricName`, `Threshold` and the rest.
pub(super) struct Found<'a> {
    pub(super) name: Option<&'a str>,
    pub(super) props: &'a Node,
}

/// The alarms of a document: itself, a resource's `Properties`, or every alarm
/// resource of a template. A document with none is of the wrong kind.
pub(super) fn find_alarms(root: &Node) -> Result<Vec<Found<'_>>, ParseFailure> {
    let guessed = guess_kind(root);
    if guessed.is_some_and(|k| k != Kind::CloudwatchAlarm && k != Kind::Cloudformation) {
        return Err(wrong_kind(
            root,
            Kind::CloudwatchAlarm,
            "`MetricName` or `ComparisonOperator`",
        ));
    }
    if root.get("Type").and_then(Node::as_str) == Some(ALARM_TYPE) {
        let props = root
            .get("Properties")
            .filter(|p| matches!(p.value, Value::Map(_)))
            .ok_or_else(|| {
                ParseFailure::at(root.pos, "this alarm resource has no `Properties` mapping")
            })?;
        return Ok(vec![Found { name: None, props }]);
    }
    if let Some(resources) = root
        .get("Resources")
        .filter(|r| matches!(r.value, Value::Map(_)))
    {
        let alarms: Vec<Found<'_>> = resources
            .entries()
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Node::as_str) == Some(ALARM_TYPE))
            .filter_map(|(name, r)| {
                r.get("Properties").map(|props| Found {
                    name: Some(name),
                    props,
                })
            })
            .collect();
        if alarms.is_empty() {
            return Err(wrong_kind(
                root,
                Kind::CloudwatchAlarm,
                "`AWS::CloudWatch::Alarm` resource",
            ));
        }
        return Ok(alarms);
    }
    let alarm_keys = [
        "MetricName",
        "Metrics",
        "ComparisonOperator",
        "EvaluationPeriods",
        "Threshold",
    ];
    if alarm_keys.iter().any(|k| root.get(k).is_some()) {
        return Ok(vec![Found {
            name: None,
            props: root,
        }]);
    }
    Err(wrong_kind(
        root,
        Kind::CloudwatchAlarm,
        "`MetricName` or `ComparisonOperator`",
    ))
}

/// Lints every alarm in a loaded document.
pub(super) fn lint(root: &Node, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    let mut l = Lint {
        src: Source::new(src),
        out: Vec::new(),
    };
    for found in find_alarms(root)? {
        l.alarm(&found);
    }
    Ok(l.out)
}

struct Lint<'a> {
    src: Source<'a>,
    out: Vec<Finding>,
}

impl Lint<'_> {
    fn error(&mut self, rule: &str, pos: Pos, message: String, doc: &str) {
        self.out.push(Finding::error(rule, pos, message).doc(doc));
    }

    /// The value of `key` unless it is a CloudFormation intrinsic (known only at deploy).
    fn literal<'n>(props: &'n Node, key: &str) -> Option<&'n Node> {
        props.get(key).filter(|v| !is_intrinsic(v))
    }

    fn alarm(&mut self, found: &Found<'_>) {
        let props = found.props;
        let which = found
            .name
            .map(|n| format!("alarm `{n}`: "))
            .unwrap_or_default();
        if !matches!(props.value, Value::Map(_)) {
            self.error(
                "alarm/required",
                props.pos,
                format!("{which}`Properties` must be a mapping"),
                DOC,
            );
            return;
        }
        for (key, value) in props.entries() {
            if !KEYS.contains(&key.as_str()) && key != "Tags" {
                let pos = self.src.key_pos(key, value);
                self.out.push(
                    Finding::warning(
                        "alarm/unknown-key",
                        pos,
                        format!(
                            "{which}`{key}` is not an alarm setting.{}",
                            did_you_mean(key, &KEYS)
                        ),
                    )
                    .doc(DOC_API),
                );
            }
        }
        let operator = Self::literal(props, "ComparisonOperator").and_then(Node::as_str);
        let band = operator.is_some_and(|o| BAND_OPERATORS.contains(&o));
        self.required(props, &which, band);
        if let Some(op) = Self::literal(props, "ComparisonOperator") {
            let text = op.as_str().unwrap_or("");
            if !STATIC_OPERATORS.contains(&text) && !BAND_OPERATORS.contains(&text) {
                let all: Vec<&str> = STATIC_OPERATORS
                    .iter()
                    .chain(&BAND_OPERATORS)
                    .copied()
                    .collect();
                let pos = self.src.key_pos("ComparisonOperator", op);
                self.error(
                    "alarm/comparison-operator",
                    pos,
                    format!(
                        "{which}`{text}` is not a comparison operator; use {}.{}",
                        one_of(&STATIC_OPERATORS),
                        did_you_mean(text, &all)
                    ),
                    DOC_API,
                );
            }
        }
        self.threshold(props, &which, band);
        self.statistic(props, &which);
        self.periods(props, &which);
        if let Some(t) = Self::literal(props, "TreatMissingData") {
            let text = t.as_str().unwrap_or("");
            if !TREAT_MISSING.contains(&text) {
                let pos = self.src.key_pos("TreatMissingData", t);
                self.error(
                    "alarm/treat-missing-data",
                    pos,
                    format!(
                        "{which}`TreatMissingData` must be {} (case matters).{}",
                        one_of(&TREAT_MISSING),
                        did_you_mean(text, &TREAT_MISSING)
                    ),
                    DOC_MISSING,
                );
            }
        }
        if let Some(dims) = Self::literal(props, "Dimensions") {
            let ok = matches!(dims.value, Value::Seq(_))
                && dims
                    .items()
                    .iter()
                    .all(|d| d.get("Name").is_some() && d.get("Value").is_some());
            if !ok {
                let pos = self.src.key_pos("Dimensions", dims);
                self.error(
                    "alarm/dimensions",
                    pos,
                    format!("{which}`Dimensions` must be a list of `Name`/`Value` pairs"),
                    DOC_API,
                );
            }
        }
    }

    fn required(&mut self, props: &Node, which: &str, band: bool) {
        let mut missing: Vec<&str> = Vec::new();
        if props.get("Metrics").is_none() {
            missing.extend(
                ["MetricName", "Namespace", "Period"]
                    .iter()
                    .filter(|k| props.get(k).is_none()),
            );
            if props.get("Statistic").is_none() && props.get("ExtendedStatistic").is_none() {
                missing.push("Statistic");
            }
        }
        missing.extend(
            ["EvaluationPeriods", "ComparisonOperator"]
                .iter()
                .filter(|k| props.get(k).is_none()),
        );
        let threshold_key = if band {
            "ThresholdMetricId"
        } else {
            "Threshold"
        };
        if props.get(threshold_key).is_none() {
            missing.push(threshold_key);
        }
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            self.error(
                "alarm/required",
                props.pos,
                format!("{which}the alarm needs {}", list.join(", ")),
                DOC,
            );
        }
    }

    fn threshold(&mut self, props: &Node, which: &str, band: bool) {
        if band {
            if let Some(t) = props.get("Threshold") {
                let pos = self.src.key_pos("Threshold", t);
                self.error(
                    "alarm/anomaly-band",
                    pos,
                    format!("{which}an anomaly detection alarm compares with a band (`ThresholdMetricId`), not a `Threshold`"),
                    DOC_API,
                );
            }
            return;
        }
        if let Some(id) = props.get("ThresholdMetricId") {
            let pos = self.src.key_pos("ThresholdMetricId", id);
            self.error(
                "alarm/anomaly-band",
                pos,
                format!("{which}`ThresholdMetricId` needs an anomaly band operator such as `GreaterThanUpperThreshold`"),
                DOC_API,
            );
        }
        if let Some(t) = Self::literal(props, "Threshold")
            && number(t).is_none()
        {
            let pos = self.src.key_pos("Threshold", t);
            self.error(
                "alarm/threshold",
                pos,
                format!("{which}`Threshold` must be a number"),
                DOC_API,
            );
        }
    }

    fn statistic(&mut self, props: &Node, which: &str) {
        let stat = Self::literal(props, "Statistic");
        if stat.is_some() && props.get("ExtendedStatistic").is_some() {
            let pos = self.src.entry_pos(props, "ExtendedStatistic");
            self.error(
                "alarm/statistic",
                pos,
                format!("{which}give either `Statistic` or `ExtendedStatistic` (a percentile such as p99), not both"),
                DOC_API,
            );
        }
        if let Some(stat) = stat {
            let text = stat.as_str().unwrap_or("");
            if !STATISTICS.contains(&text) {
                let pos = self.src.key_pos("Statistic", stat);
                let percentile = if text.starts_with(['p', 'P']) && text.len() > 1 {
                    " A percentile goes in `ExtendedStatistic`."
                } else {
                    ""
                };
                self.error(
                    "alarm/statistic",
                    pos,
                    format!(
                        "{which}`Statistic` must be {}.{}{percentile}",
                        one_of(&STATISTICS),
                        did_you_mean(text, &STATISTICS)
                    ),
                    DOC_API,
                );
            }
        }
    }

    fn periods(&mut self, props: &Node, which: &str) {
        let period_node = Self::literal(props, "Period");
        let period = period_node.and_then(whole);
        if let Some(node) = period_node {
            let ok = period.is_some_and(|p| matches!(p, 10 | 20 | 30) || (p > 0 && p % 60 == 0));
            if !ok {
                let pos = self.src.key_pos("Period", node);
                self.error(
                    "alarm/period",
                    pos,
                    format!("{which}`Period` must be 10, 20, 30 or a multiple of 60 seconds"),
                    DOC_API,
                );
            }
        }
        let evaluation_node = Self::literal(props, "EvaluationPeriods");
        let evaluation = evaluation_node.and_then(whole).filter(|n| *n >= 1);
        if let (Some(node), None) = (evaluation_node, evaluation) {
            let pos = self.src.key_pos("EvaluationPeriods", node);
            self.error(
                "alarm/evaluation-periods",
                pos,
                format!("{which}`EvaluationPeriods` must be a whole number of at least 1"),
                DOC,
            );
        }
        if let Some(node) = Self::literal(props, "DatapointsToAlarm") {
            let pos = self.src.key_pos("DatapointsToAlarm", node);
            match (whole(node), evaluation) {
                (Some(m), Some(n)) if m > n => self.error(
                    "alarm/datapoints-to-alarm",
                    pos,
                    format!(
                        "{which}`DatapointsToAlarm` ({m}) cannot exceed `EvaluationPeriods` ({n}): \
                         the alarm looks at only {n} datapoints"
                    ),
                    DOC,
                ),
                (Some(m), _) if m >= 1 => {}
                _ => self.error(
                    "alarm/datapoints-to-alarm",
                    pos,
                    format!("{which}`DatapointsToAlarm` must be a whole number of at least 1"),
                    DOC,
                ),
            }
        }
        if let (Some(p), Some(n), Some(node)) = (period, evaluation, evaluation_node) {
            let range = p.saturating_mul(n);
            let limit = if p < 3600 {
                MAX_RANGE_SHORT_PERIOD
            } else {
                MAX_RANGE
            };
            if range > limit {
                let pos = self.src.key_pos("EvaluationPeriods", node);
                self.error(
                    "alarm/evaluation-range",
                    pos,
                    format!(
                        "{which}`Period` × `EvaluationPeriods` is {range} seconds, over the limit of \
                         {limit}: one day for periods under an hour, seven days otherwise"
                    ),
                    DOC_API,
                );
            }
        }
    }
}
