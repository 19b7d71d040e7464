use super::*;

const K: Kind = Kind::CloudwatchAlarm;

const BASE: &str = "\
AlarmName: api-errors
Namespace: AWS/ApplicationELB
MetricName: HTTPCode_Target_5XX_Count
Dimensions:
  - Name: LoadBalancer
    Value: app/api/123
Statistic: Sum
Period: 60
EvaluationPeriods: 3
DatapointsToAlarm: 2
Threshold: 5
ComparisonOperator: GreaterThanOrEqualToThreshold
TreatMissingData: notBreaching
";

#[test]
fn a_complete_alarm_has_no_findings() {
    clean(K, BASE);
}

#[test]
fn an_unknown_setting_is_a_warning() {
    let src = format!("{BASE}Severity: high\n");
    only(K, &src, "alarm/unknown-key", Severity::Warning, 14);
}

#[test]
fn required_settings_are_listed_together() {
    let src = with(BASE, "MetricName: HTTPCode_Target_5XX_Count\n", "");
    assert!(only(K, &src, "alarm/required", Severity::Error, 1).contains("`MetricName`"));
    let src = with(&with(BASE, "Statistic: Sum\n", ""), "Threshold: 5\n", "");
    let message = only(K, &src, "alarm/required", Severity::Error, 1);
    assert!(
        message.contains("`Statistic`") && message.contains("`Threshold`"),
        "{message}"
    );
}

#[test]
fn an_unknown_comparison_operator_is_an_error_with_a_suggestion() {
    let src = with(BASE, "GreaterThanOrEqualToThreshold", "GreaterThanTreshold");
    let message = only(K, &src, "alarm/comparison-operator", Severity::Error, 12);
    assert!(
        message.contains("Did you mean `GreaterThanThreshold`?"),
        "{message}"
    );
}

#[test]
fn anomaly_band_alarms_use_threshold_metric_id_not_threshold() {
    let src = with(
        BASE,
        "GreaterThanOrEqualToThreshold",
        "GreaterThanUpperThreshold",
    );
    assert_eq!(of_rule(K, &src, "alarm/anomaly-band").len(), 1);
    let band = "\
AlarmName: latency-band
EvaluationPeriods: 3
ComparisonOperator: GreaterThanUpperThreshold
ThresholdMetricId: ad1
Metrics:
  - Id: m1
    MetricStat:
      Metric:
        Namespace: AWS/ApplicationELB
        MetricName: TargetResponseTime
      Period: 300
      Stat: Average
  - Id: ad1
    Expression: ANOMALY_DETECTION_BAND(m1, 2)
";
    clean(K, band);
}

#[test]
fn the_threshold_must_be_a_number() {
    only(
        K,
        &with(BASE, "Threshold: 5", "Threshold: high"),
        "alarm/threshold",
        Severity::Error,
        11,
    );
    clean(K, &with(BASE, "Threshold: 5", "Threshold: \"5.5\""));
}

#[test]
fn the_statistic_must_be_known_and_percentiles_go_elsewhere() {
    let src = with(BASE, "Statistic: Sum", "Statistic: Averge");
    assert!(only(K, &src, "alarm/statistic", Severity::Error, 7).contains("`Average`"));
    let src = with(BASE, "Statistic: Sum", "Statistic: p99");
    assert!(only(K, &src, "alarm/statistic", Severity::Error, 7).contains("ExtendedStatistic"));
    let src = with(
        BASE,
        "Statistic: Sum",
        "Statistic: Sum\nExtendedStatistic: p99",
    );
    only(K, &src, "alarm/statistic", Severity::Error, 8);
    clean(K, &with(BASE, "Statistic: Sum", "ExtendedStatistic: p99"));
}

#[test]
fn the_period_is_10_20_30_or_a_multiple_of_60() {
    only(
        K,
        &with(BASE, "Period: 60", "Period: 45"),
        "alarm/period",
        Severity::Error,
        8,
    );
    clean(K, &with(BASE, "Period: 60", "Period: 10"));
    clean(K, &with(BASE, "Period: 60", "Period: 300"));
}

#[test]
fn evaluation_periods_must_be_at_least_one() {
    let src = with(
        &with(BASE, "EvaluationPeriods: 3", "EvaluationPeriods: 0"),
        "DatapointsToAlarm: 2\n",
        "",
    );
    only(K, &src, "alarm/evaluation-periods", Severity::Error, 9);
}

#[test]
fn datapoints_to_alarm_cannot_exceed_evaluation_periods() {
    let src = with(BASE, "DatapointsToAlarm: 2", "DatapointsToAlarm: 4");
    assert!(only(K, &src, "alarm/datapoints-to-alarm", Severity::Error, 10).contains("only 3"));
    clean(
        K,
        &with(BASE, "DatapointsToAlarm: 2", "DatapointsToAlarm: 3"),
    );
}

#[test]
fn the_evaluation_range_is_at_most_a_day_for_short_periods_and_a_week_otherwise() {
    let src = with(BASE, "EvaluationPeriods: 3", "EvaluationPeriods: 1441");
    only(K, &src, "alarm/evaluation-range", Severity::Error, 9);
    let hourly = with(BASE, "Period: 60", "Period: 3600");
    clean(
        K,
        &with(&hourly, "EvaluationPeriods: 3", "EvaluationPeriods: 168"),
    );
    let src = with(&hourly, "EvaluationPeriods: 3", "EvaluationPeriods: 169");
    only(K, &src, "alarm/evaluation-range", Severity::Error, 9);
}

#[test]
fn treat_missing_data_is_one_of_four_case_sensitive_values() {
    let src = with(
        BASE,
        "TreatMissingData: notBreaching",
        "TreatMissingData: NOT_BREACHING",
    );
    let message = only(K, &src, "alarm/treat-missing-data", Severity::Error, 13);
    assert!(
        message.contains("Did you mean `notBreaching`?"),
        "{message}"
    );
    for mode in ["missing", "breaching", "ignore"] {
        clean(K, &with(BASE, "notBreaching", mode));
    }
}

#[test]
fn dimensions_are_a_list_of_name_value_pairs() {
    let src = with(
        BASE,
        "  - Name: LoadBalancer\n    Value: app/api/123",
        "  LoadBalancer: app/api/123",
    );
    only(K, &src, "alarm/dimensions", Severity::Error, 4);
}

#[test]
fn an_alarm_resource_and_a_template_are_linted_like_a_bare_alarm() {
    let indented: String = BASE.lines().map(|l| format!("  {l}\n")).collect();
    clean(
        K,
        &format!("Type: AWS::CloudWatch::Alarm\nProperties:\n{indented}"),
    );
    let twice: String = BASE.lines().map(|l| format!("      {l}\n")).collect();
    let broken = twice.replacen("Period: 60", "Period: 45", 1);
    let template = format!(
        "Resources:\n  Good:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n{twice}  \
         Bad:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n{broken}"
    );
    let found = of_rule(K, &template, "alarm/period");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.starts_with("alarm `Bad`"),
        "{}",
        found[0].message
    );
    // Four lines of header, Good's 13, Bad's three, then its eighth line.
    assert_eq!(found[0].line, 4 + 13 + 3 + 8);
}

#[test]
fn cloudformation_functions_are_not_value_checked() {
    let src = with(BASE, "Threshold: 5", "Threshold: !Ref ErrorThreshold");
    let src = with(&src, "Period: 60", "Period:\n  Fn::If: [IsProd, 60, 300]");
    clean(K, &src);
}
