use super::super::{AlarmState, evaluate_alarm};
use AlarmState::{Alarm, InsufficientData as Insufficient, Ok as Fine};

/// An alarm on a value above 80, `m` out of `n`, treating missing data as `treat`.
fn alarm(n: u32, m: u32, treat: &str) -> String {
    format!(
        "MetricName: CPUUtilization\nNamespace: AWS/EC2\nStatistic: Average\nPeriod: 60\n\
         EvaluationPeriods: {n}\nDatapointsToAlarm: {m}\nThreshold: 80\n\
         ComparisonOperator: GreaterThanThreshold\nTreatMissingData: {treat}\n"
    )
}

fn run(src: &str, series: &[Option<f64>]) -> Vec<AlarmState> {
    evaluate_alarm(src, series).unwrap_or_else(|e| panic!("{e}"))
}

/// A series in the guide's notation: `0` within the threshold, `X` breaching, `-` missing.
fn pattern(text: &str) -> Vec<Option<f64>> {
    text.split_whitespace()
        .map(|p| match p {
            "X" => Some(95.0),
            "0" => Some(10.0),
            _ => None,
        })
        .collect()
}

#[test]
fn a_one_period_spike_does_not_fire_a_three_out_of_three_alarm() {
    let series = [10.0, 12.0, 99.0, 11.0, 10.0, 13.0].map(Some);
    let states = run(&alarm(3, 3, "missing"), &series);
    assert!(!states.contains(&Alarm), "{states:?}");
}

#[test]
fn a_sustained_incident_fires_and_recovers() {
    let series = [10.0, 90.0, 92.0, 95.0, 97.0, 20.0, 15.0, 12.0].map(Some);
    let states = run(&alarm(3, 3, "missing"), &series);
    assert_eq!(states, [Fine, Fine, Fine, Alarm, Alarm, Fine, Fine, Fine]);
}

#[test]
fn m_out_of_n_fires_on_scattered_breaches() {
    let series = pattern("0 X 0 X 0 0 0");
    let states = run(&alarm(3, 2, "missing"), &series);
    assert_eq!(states[3], Alarm, "{states:?}");
    assert_eq!(states[5], Fine, "{states:?}");
}

/// The guide's two tables: five datapoints, N = 3, and per TreatMissingData mode the
/// state after the last one (`None` = the state before is kept).
#[test]
fn the_guides_missing_data_tables_are_reproduced() {
    let rows: [(u32, &str, [Option<AlarmState>; 4]); 10] = [
        (
            3,
            "0 - X - X",
            [Some(Fine), Some(Fine), Some(Fine), Some(Fine)],
        ),
        (
            3,
            "0 - - - -",
            [Some(Fine), Some(Fine), Some(Fine), Some(Fine)],
        ),
        (
            3,
            "- - - - -",
            [Some(Insufficient), None, Some(Alarm), Some(Fine)],
        ),
        (
            3,
            "0 X X - X",
            [Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)],
        ),
        (3, "- - X - -", [Some(Alarm), None, Some(Alarm), Some(Fine)]),
        (
            2,
            "0 - X - X",
            [Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)],
        ),
        (
            2,
            "0 0 X 0 X",
            [Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)],
        ),
        (
            2,
            "0 - X - -",
            [Some(Fine), Some(Fine), Some(Alarm), Some(Fine)],
        ),
        (
            2,
            "- - - - 0",
            [Some(Fine), Some(Fine), Some(Alarm), Some(Fine)],
        ),
        (2, "- - - X -", [Some(Alarm), None, Some(Alarm), Some(Fine)]),
    ];
    let modes = ["missing", "ignore", "breaching", "notBreaching"];
    for (m, text, expected) in rows {
        for (mode, want) in modes.iter().zip(expected) {
            let states = run(&alarm(3, m, mode), &pattern(text));
            let last = states[4];
            match want {
                Some(state) => assert_eq!(last, state, "{text} (M={m}) with {mode}: {states:?}"),
                None => assert_eq!(
                    last, states[3],
                    "{text} (M={m}) with {mode} keeps its state"
                ),
            }
        }
    }
}

#[test]
fn a_metric_that_stops_reporting_ends_as_each_mode_says() {
    let series = pattern("0 0 0 - - - - -");
    let end = |mode| *run(&alarm(3, 3, mode), &series).last().unwrap_or(&Alarm);
    assert_eq!(end("missing"), Insufficient);
    assert_eq!(end("breaching"), Alarm);
    assert_eq!(end("notBreaching"), Fine);
    assert_eq!(end("ignore"), Fine, "ignore keeps the OK it had");
}

#[test]
fn the_default_treatment_is_missing_and_the_alarm_starts_without_data() {
    let src = alarm(3, 3, "missing").replace("TreatMissingData: missing\n", "");
    assert_eq!(run(&src, &pattern("- -")), [Insufficient, Insufficient]);
    let src = src.replace("DatapointsToAlarm: 3\n", "");
    assert_eq!(run(&src, &pattern("X X X")), [Fine, Fine, Alarm]);
}

#[test]
fn breaching_missing_data_fires_once_the_last_real_datapoint_leaves_the_range() {
    // With N = 2 the range is 4 periods: the two real datapoints are judged until they
    // age out, as the guide describes for its second row.
    let states = run(&alarm(2, 2, "breaching"), &pattern("0 0 - - - -"));
    assert_eq!(states, [Fine, Fine, Fine, Fine, Fine, Alarm]);
}

#[test]
fn a_cloudformation_alarm_and_json_can_be_simulated() {
    let props: String = alarm(1, 1, "notBreaching")
        .lines()
        .map(|l| format!("      {l}\n"))
        .collect();
    let template = format!(
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Cpu:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n{props}"
    );
    assert_eq!(run(&template, &pattern("0 X -")), [Fine, Alarm, Alarm]);
    let json = r#"{"EvaluationPeriods": "1", "Threshold": 0.5, "ComparisonOperator": "LessThanThreshold"}"#;
    assert_eq!(run(json, &[Some(1.0), Some(0.1)]), [Fine, Alarm]);
}

#[test]
fn alarms_that_cannot_be_simulated_are_refused_clearly() {
    let band = alarm(3, 3, "missing").replace("GreaterThanThreshold", "GreaterThanUpperThreshold");
    assert!(
        evaluate_alarm(&band, &[])
            .unwrap_err()
            .message
            .contains("fixed threshold")
    );
    let by_ref = alarm(3, 3, "missing").replace("Threshold: 80", "Threshold: !Ref Limit");
    assert!(
        evaluate_alarm(&by_ref, &[])
            .unwrap_err()
            .message
            .contains("literal")
    );
    let no_threshold = alarm(3, 3, "missing").replace("Threshold: 80\n", "");
    assert!(
        evaluate_alarm(&no_threshold, &[])
            .unwrap_err()
            .message
            .contains("`Threshold`")
    );
    let bad_mode = alarm(3, 3, "sometimes");
    assert!(evaluate_alarm(&bad_mode, &[]).is_err());
    let props: String = alarm(1, 1, "missing")
        .lines()
        .map(|l| format!("      {l}\n"))
        .collect();
    let two = format!(
        "Resources:\n  A:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n{props}  \
         B:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n{props}"
    );
    assert!(
        evaluate_alarm(&two, &[])
            .unwrap_err()
            .message
            .contains("2 alarms")
    );
}

#[test]
fn a_long_series_is_simulated_quickly() {
    let series: Vec<Option<f64>> = (0..50_000)
        .map(|i| (i % 7 != 0).then_some(f64::from(i % 100)))
        .collect();
    let start = std::time::Instant::now();
    let states = run(&alarm(60, 45, "ignore"), &series);
    assert_eq!(states.len(), series.len());
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}
