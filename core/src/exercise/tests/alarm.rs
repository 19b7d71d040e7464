//! Alarm exercises with a metric series: `alarm` checks (fires / quiet) with their
//! details and lines, the fixture under `fixtures/exercise/08-alarm/`, and the series in
//! the public view. Loading them is `alarm_loading.rs`.

use super::public::assert_answer_free;
use super::*;

/// An alarm on CPU above `threshold`, `m` out of `n`, missing data as `treat`. Its lines:
/// 4 `Period`, 5 `EvaluationPeriods`, 6 `DatapointsToAlarm`, 7 `Threshold`,
/// 9 `TreatMissingData`.
fn cpu_alarm(n: u32, m: u32, threshold: f64, treat: &str) -> String {
    format!(
        "MetricName: CPUUtilization\nNamespace: AWS/EC2\nStatistic: Average\nPeriod: 60\n\
         EvaluationPeriods: {n}\nDatapointsToAlarm: {m}\nThreshold: {threshold}\n\
         ComparisonOperator: GreaterThanThreshold\nTreatMissingData: {treat}\n"
    )
}

/// A series in the user guide's notation: `0` within 80, `X` above it, `-` missing.
fn pattern(text: &str) -> Vec<Option<f64>> {
    text.split_whitespace()
        .map(|p| match p {
            "X" => Some(95.0),
            "0" => Some(10.0),
            _ => None,
        })
        .collect()
}

/// One `alarm` check, `c`, as TOML.
fn window(expect: &str, from: usize, to: usize) -> String {
    format!(
        "[[checks]]\nid = \"c\"\nalarm = \"{expect}\"\nfrom = {from}\nto = {to}\nmessage = \"m\"\nhint = \"h\"\n"
    )
}

/// An alarm exercise over `series` with the given `[[checks]]` TOML, read from memory.
#[track_caller]
fn alarm_exercise(series: &[Option<f64>], checks: &str) -> Exercise {
    let src = format!("id = \"t\"\nkind = \"cloudwatch-alarm\"\n[data]\n{checks}");
    let spec = spec::parse(&src, Path::new("exercise.toml")).unwrap_or_else(|errors| {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the test exercise does not parse:\n{}", text.join("\n"))
    });
    assert!(matches!(spec.checker, SpecChecker::Alarm(_)));
    Exercise {
        id: spec.id,
        module: "m".into(),
        checker: Checker::Alarm(MetricSeries {
            points: series.to_vec(),
            unit: None,
        }),
        points: spec.points,
        instructions_en: Instructions {
            title: "T".into(),
            markdown: "Do it.".into(),
        },
        instructions_vi: None,
        starter: String::new(),
        solution: String::new(),
        checks: spec.checks,
        wrong: Vec::new(),
        policy: spec.policy,
    }
}

/// The result of the exercise's first check on `src`, in `lang`.
#[track_caller]
fn first(ex: &Exercise, src: &str, lang: Lang) -> CheckResult {
    let run = check(ex, src, lang);
    assert!(run.error.is_none(), "{:?}", run.error);
    run.checks[0].clone()
}

#[track_caller]
fn fails_with(result: &CheckResult, line: usize, detail: &str) {
    assert!(!result.passed, "{result:?}");
    assert_eq!(result.line, Some(line), "{result:?}");
    let hint = result.hint.as_deref().unwrap_or_default();
    assert!(hint.starts_with("h ") && hint.ends_with(detail), "{hint}");
}

/// Quiet, a spike of two minutes, quiet, then four bad minutes.
const SPIKE_THEN_INCIDENT: &str = "0 0 0 X X 0 0 0 X X X X";

#[test]
fn a_quiet_check_fails_with_the_minute_the_alarm_fired_and_points_at_m_of_n() {
    let series = pattern(SPIKE_THEN_INCIDENT);
    let ex = alarm_exercise(&series, &window("quiet", 1, 8));
    assert!(passes(&ex, &cpu_alarm(3, 3, 80.0, "notBreaching")));
    let two_of_three = cpu_alarm(3, 2, 80.0, "notBreaching");
    fails_with(
        &first(&ex, &two_of_three, Lang::En),
        6,
        "Run over the series, the alarm fires at minute 5.",
    );
    fails_with(
        &first(&ex, &two_of_three, Lang::Vi),
        6,
        "Chạy trên chuỗi số liệu, alarm nổ ở phút 5.",
    );
    // Still in ALARM from before the window: that is not quiet either.
    let late = alarm_exercise(&series, &window("quiet", 6, 8));
    fails_with(
        &first(&late, &two_of_three, Lang::En),
        6,
        "the alarm fires at minute 5 and is still in ALARM at minute 6.",
    );
    assert!(passes(
        &alarm_exercise(&series, &window("quiet", 7, 8)),
        &two_of_three
    ));
}

#[test]
fn a_fires_check_passes_on_any_minute_in_alarm_and_fails_saying_it_never_fired() {
    let series = pattern(SPIKE_THEN_INCIDENT);
    let three_of_three = cpu_alarm(3, 3, 80.0, "notBreaching");
    assert!(passes(
        &alarm_exercise(&series, &window("fires", 9, 12)),
        &three_of_three
    ));
    // In ALARM at minute 11 only: the window's last minute counts.
    assert!(passes(
        &alarm_exercise(&series, &window("fires", 1, 11)),
        &three_of_three
    ));
    let early = alarm_exercise(&series, &window("fires", 1, 10));
    fails_with(
        &first(&early, &three_of_three, Lang::En),
        6,
        "Run over the series, the alarm never fires from minute 1 to minute 10.",
    );
    fails_with(
        &first(&early, &three_of_three, Lang::Vi),
        6,
        "Chạy trên chuỗi số liệu, alarm không nổ lần nào từ phút 1 đến phút 10.",
    );
    // No datapoint crosses the threshold: the threshold is what to look at.
    let too_high = cpu_alarm(3, 3, 99.0, "notBreaching");
    fails_with(
        &first(&early, &too_high, Lang::En),
        7,
        "from minute 1 to minute 10: no datapoint there crosses its threshold.",
    );
    let one_minute = alarm_exercise(&series, &window("fires", 3, 3));
    fails_with(
        &first(&one_minute, &too_high, Lang::Vi),
        7,
        "alarm không nổ lần nào ở phút 3: không datapoint nào trong khoảng đó vượt qua \
         threshold của nó.",
    );
    // M left to default to N: `EvaluationPeriods` is the line.
    let no_m = "MetricName: CPUUtilization\nNamespace: AWS/EC2\nStatistic: Average\nPeriod: 60\n\
                EvaluationPeriods: 3\nThreshold: 80\nComparisonOperator: GreaterThanThreshold\n";
    fails_with(
        &first(&early, no_m, Lang::En),
        5,
        "never fires from minute 1 to minute 10.",
    );
}

#[test]
fn missing_minutes_counted_as_breaching_point_at_treat_missing_data() {
    let series = pattern("0 - - - - - 0 0");
    let ex = alarm_exercise(&series, &window("quiet", 1, 8));
    assert!(passes(&ex, &cpu_alarm(5, 3, 80.0, "notBreaching")));
    fails_with(
        &first(&ex, &cpu_alarm(5, 3, 80.0, "breaching"), Lang::En),
        9,
        "the alarm fires at minute 6.",
    );
}

#[test]
fn the_minutes_before_the_series_count_as_normal_ones() {
    // The simulator alone would see a range of missing periods before minute 1 and, with
    // `breaching`, fire at once; an excerpt of a watched metric does not.
    let series = pattern("0 0 0 0 0 0");
    let ex = alarm_exercise(&series, &window("quiet", 1, 6));
    assert!(passes(&ex, &cpu_alarm(5, 3, 80.0, "breaching")));
    let states = crate::lint::evaluate_alarm(&cpu_alarm(5, 3, 80.0, "breaching"), &series);
    assert_eq!(states.unwrap()[0], crate::lint::AlarmState::Alarm);
    // A spike at minute 1 still counts.
    let ex = alarm_exercise(&pattern("X 0 0"), &window("fires", 1, 1));
    assert!(passes(&ex, &cpu_alarm(1, 1, 80.0, "notBreaching")));
}

#[test]
fn every_alarm_check_fails_on_one_simulation_when_the_period_is_not_a_minute() {
    let checks = format!("{}{}", window("quiet", 1, 4), window("fires", 9, 12)).replacen(
        "id = \"c\"",
        "id = \"d\"",
        1,
    );
    let ex = alarm_exercise(&pattern(SPIKE_THEN_INCIDENT), &checks);
    let five_minutes = cpu_alarm(3, 3, 80.0, "notBreaching").replace("Period: 60", "Period: 300");
    let run = check(&ex, &five_minutes, Lang::En);
    for c in &run.checks {
        fails_with(
            c,
            4,
            "The series has one datapoint a minute, so the alarm is run over it only with \
             `Period: 60`.",
        );
    }
    let run = check(&ex, &five_minutes, Lang::Vi);
    assert!(
        run.checks[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("mỗi phút một datapoint")
    );
}

#[test]
fn an_alarm_the_simulator_cannot_run_fails_its_checks_with_the_reason() {
    let ex = alarm_exercise(&pattern(SPIKE_THEN_INCIDENT), &window("quiet", 1, 4));
    let with_ref = "Type: AWS::CloudWatch::Alarm\nProperties:\n  MetricName: CPUUtilization\n  \
                    Namespace: AWS/EC2\n  Statistic: Average\n  Period: 60\n  \
                    EvaluationPeriods: 3\n  Threshold: !Ref Limit\n  \
                    ComparisonOperator: GreaterThanThreshold\n";
    fails_with(
        &first(&ex, with_ref, Lang::En),
        8,
        "The alarm cannot be run over the series: `Threshold` uses a CloudFormation function; \
         give a literal value to simulate the alarm.",
    );
    fails_with(
        &first(&ex, with_ref, Lang::Vi),
        8,
        "Không chạy được alarm trên chuỗi số liệu: `Threshold` dùng một hàm CloudFormation; hãy \
         ghi giá trị cụ thể để mô phỏng được alarm.",
    );
}

#[test]
fn every_reason_the_simulator_gives_is_said_in_vietnamese() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/alarm_eval.rs"),
    )
    .unwrap();
    // Each message as the simulator writes it, and a fragment of its source, so that a
    // reworded message fails here rather than going untranslated.
    for (message, fragment) in [
        (
            "this template has 2 alarms; simulate one at a time",
            "simulate one at a time",
        ),
        (
            "`DatapointsToAlarm` uses a CloudFormation function; give a literal value to simulate the alarm",
            "uses a CloudFormation function; give a literal value to simulate the alarm",
        ),
        (
            "the alarm needs `ComparisonOperator` to be simulated",
            "the alarm needs `{key}` to be simulated",
        ),
        (
            "only alarms with a fixed threshold can be simulated; `ComparisonOperator` must be one of GreaterThanThreshold, LessThanThreshold",
            "only alarms with a fixed threshold can be simulated; `ComparisonOperator` must be one of {}",
        ),
        (
            "`Threshold` must be a number",
            "`Threshold` must be a number",
        ),
        (
            "`EvaluationPeriods` must be a whole number from 1 to 8640",
            "`EvaluationPeriods` must be a whole number from 1 to {MAX_EVALUATION_PERIODS}",
        ),
        (
            "`DatapointsToAlarm` must be a whole number from 1 to `EvaluationPeriods`",
            "`DatapointsToAlarm` must be a whole number from 1 to `EvaluationPeriods`",
        ),
        (
            "`TreatMissingData` must be one of missing, notBreaching, breaching, ignore",
            "`TreatMissingData` must be one of {}",
        ),
        (
            "the series is too long to simulate",
            "the series is too long to simulate",
        ),
    ] {
        assert!(
            source.contains(fragment),
            "the simulator no longer says `{fragment}`"
        );
        let en = super::super::alarm::cannot_simulate(message, Lang::En);
        assert_eq!(
            en,
            format!("The alarm cannot be run over the series: {message}.")
        );
        let vi = super::super::alarm::cannot_simulate(message, Lang::Vi);
        let words = message.split('`').step_by(2).collect::<String>();
        assert!(
            !vi.contains(words.split(';').next().unwrap().trim()),
            "untranslated: {vi}"
        );
    }
}

fn cpu_fixture() -> Exercise {
    let dir = alarm_module().join("exercises/01-cpu-after-deploy");
    load(&dir, "08-alarm").unwrap_or_else(|errors| {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the alarm fixture does not load:\n{}", text.join("\n"))
    })
}

#[test]
fn the_alarm_fixture_loads_its_series_and_verifies_without_problems() {
    let ex = cpu_fixture();
    assert_eq!(verify(&ex), Vec::<Problem>::new());
    assert_eq!(ex.checker.name(), "cloudwatch-alarm");
    let Checker::Alarm(series) = &ex.checker else {
        panic!("{:?}", ex.checker);
    };
    assert_eq!(series.points.len(), 24);
    assert_eq!(series.points[4], Some(91.0));
    assert_eq!(series.points[8], None);
    assert_eq!(series.unit.as_deref(), Some("Percent"));
    let kinds: Vec<bool> = ex
        .checks
        .iter()
        .map(|c| matches!(c.test, Test::Alarm { .. }))
        .collect();
    assert_eq!(kinds, [false, true, true, false]);
    assert_eq!(check(&ex, &ex.solution, Lang::Vi).status, Status::Pass);
}

#[test]
fn the_alarm_fixture_answers_fail_where_the_alarm_goes_wrong() {
    let ex = cpu_fixture();
    let failed = |text: &str| {
        let run = check(&ex, text, Lang::En);
        run.checks
            .into_iter()
            .filter(|c| !c.passed)
            .map(|c| {
                let hint = c.hint.unwrap_or_default();
                let detail = hint
                    .rsplit("Run over the series, ")
                    .next()
                    .unwrap()
                    .to_owned();
                (c.id, c.line, detail)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        failed(&ex.starter),
        [
            (
                "quiet-on-the-deploy".to_owned(),
                Some(12),
                "the alarm fires at minute 5.".to_owned()
            ),
            (
                "notifies-on-call".to_owned(),
                Some(1),
                "Add `AlarmActions` with the on-call SNS topic's ARN.".to_owned()
            ),
        ]
    );
    let wrong = |file: &str| &ex.wrong.iter().find(|w| w.file == file).unwrap().text;
    assert_eq!(
        failed(wrong("wrong/two-of-three.yaml")),
        [(
            "quiet-on-the-deploy".to_owned(),
            Some(14),
            "the alarm fires at minute 6.".to_owned()
        )]
    );
    assert_eq!(
        failed(wrong("wrong/threshold-98.yaml")),
        [(
            "fires-on-saturation".to_owned(),
            Some(15),
            "the alarm never fires from minute 16 to minute 20: no datapoint there crosses its \
             threshold."
                .to_owned()
        )]
    );
}

#[test]
fn an_alarm_view_carries_the_series_for_the_page_to_draw() {
    let ex = cpu_fixture();
    assert_answer_free(&ex);
    let view = public_view(&ex, Lang::Vi);
    assert_eq!(view.kind, "cloudwatch-alarm");
    assert_eq!(view.title, "Alarm CPU không làm phiền lúc deploy");
    let Some(PublicData::Series { points, unit }) = &view.data else {
        panic!("{:?}", view.data);
    };
    assert_eq!(points.len(), 24);
    assert_eq!(unit.as_deref(), Some("Percent"));
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["data"]["type"], "series");
    assert_eq!(json["data"]["unit"], "Percent");
    assert_eq!(json["data"]["points"][0], 34.0);
    assert!(json["data"]["points"][8].is_null());
    let text = json.to_string();
    for secret in [
        "DatapointsToAlarm",
        "quiet-on-the-deploy",
        "\"from\"",
        "threshold-98",
    ] {
        assert!(!text.contains(secret), "{secret}");
    }
    let back: PublicExercise = serde_json::from_value(json).unwrap();
    assert_eq!(back, view);
}
