//! Loading alarm exercises with a metric series: `[data]` of a `cloudwatch-alarm`
//! exercise, the series file, and `alarm` checks, each mistake a load error on its line.

use super::*;

/// `exercise.toml` of a cloudwatch-alarm exercise with `data` on line 3 and one check
/// whose own keys start on line 8.
fn alarm_spec(kind: &str, data: &str, check: &str) -> String {
    format!(
        "id = \"x\"\nkind = \"{kind}\"\n{data}\n[[checks]]\nid = \"c\"\nmessage = \"m\"\nhint = \"h\"\n{check}\n"
    )
}

#[track_caller]
fn error_on(src: &str, line: usize, text: &str) {
    let errors = spec_errors(src);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{line}: ")) && e.contains(text)),
        "expected `{text}` on line {line}, got {errors:?}"
    );
}

#[test]
fn an_alarm_check_needs_an_alarm_exercise_with_a_series() {
    let check = "alarm = \"quiet\"\nfrom = 1\nto = 3";
    assert!(spec_errors(&alarm_spec("cloudwatch-alarm", "[data]", check)).is_empty());
    error_on(
        &alarm_spec("cloudwatch-alarm", "", check),
        8,
        "check `c` runs the alarm over the exercise's metric series, and there is none: add \
         `[data]` with `series = \"series.csv\"`",
    );
    error_on(
        &alarm_spec("buildspec", "", check),
        8,
        "`alarm` checks are for cloudwatch-alarm exercises, not buildspec ones",
    );
    // Other lint kinds still refuse `[data]`.
    error_on(
        &alarm_spec(
            "appspec",
            "[data]\nseries = \"s.csv\"",
            "rule = \"*errors\"",
        ),
        3,
        "`[data]` is for the data kinds and for the metric series of a cloudwatch-alarm \
         exercise, not for `appspec` exercises",
    );
}

#[test]
fn a_bad_alarm_window_is_a_load_error_on_its_line() {
    let src = |check: &str| alarm_spec("cloudwatch-alarm", "[data]", check);
    error_on(
        &src("alarm = \"fire\"\nfrom = 1\nto = 3"),
        8,
        "`alarm = \"fire\"`: use \"fires\" or \"quiet\" (did you mean `fires`?)",
    );
    error_on(
        &src("alarm = \"quiet\"\nfrom = 5\nto = 3"),
        10,
        "`to = 3` comes before `from = 5`",
    );
    error_on(
        &src("alarm = \"quiet\"\nfrom = 0\nto = 3"),
        9,
        "`from = 0` is not a minute of a series",
    );
    error_on(
        &src("alarm = \"quiet\"\nfrom = 1\nto = 1441"),
        10,
        "`to = 1441` is not a minute of a series",
    );
    let missing = spec_errors(&src("alarm = \"quiet\""));
    assert_eq!(
        missing,
        [
            "8: check `c` needs `from` and `to`, the first and last minute of its window (minute 1 \
          is the series' first datapoint)"
        ]
    );
    error_on(
        &src("alarm = \"quiet\"\nfrom = 1"),
        8,
        "needs `from` and `to`",
    );
    error_on(
        &src("alarm = \"quiet\"\nfrm = 1\nto = 3"),
        9,
        "unknown key `frm` in a check (did you mean `from`?)",
    );
    error_on(
        &src("alarm = \"quiet\"\nfrom = 1\nto = 3\nequals = 1"),
        11,
        "`equals` does not apply to an `alarm` check",
    );
    error_on(
        &src("alarm = \"quiet\"\nfrom = 1\nto = 3\nfor = \"any\""),
        11,
        "`for` does not apply to an `alarm` check",
    );
    error_on(
        &src("path = \"Threshold\"\nalarm = \"quiet\"\nfrom = 1\nto = 3"),
        9,
        "has path and alarm; give exactly one",
    );
    error_on(
        &src("path = \"Threshold\"\nequals = 1\nfrom = 1"),
        10,
        "`from` belongs to an `alarm` check",
    );
    error_on(
        &src("from = 1\nto = 2"),
        5,
        "needs one of `rule`, `path`, `instruction` or `alarm`",
    );
}

#[test]
fn the_data_table_of_an_alarm_exercise_takes_a_series_file_and_a_cloudwatch_unit() {
    let check = "alarm = \"quiet\"\nfrom = 1\nto = 3";
    error_on(
        &alarm_spec("cloudwatch-alarm", "[data]\nseris = \"s.csv\"", check),
        4,
        "unknown key `seris` in `[data]` of a cloudwatch-alarm exercise (did you mean `series`?)",
    );
    error_on(
        &alarm_spec("cloudwatch-alarm", "[data]\nunit = \"seconds\"", check),
        4,
        "unknown unit `seconds` (did you mean `Seconds`? CloudWatch's units are Seconds,",
    );
    let src = alarm_spec(
        "cloudwatch-alarm",
        "[data]\nseries = \"p99.csv\"\nunit = \"Count/Second\"",
        check,
    );
    let spec = spec::parse(&src, Path::new("exercise.toml")).unwrap();
    let SpecChecker::Alarm(data) = &spec.checker else {
        panic!("{:?}", spec.checker);
    };
    assert_eq!((data.file.name.as_str(), data.file.line), ("p99.csv", 4));
    assert_eq!(data.unit.as_deref(), Some("Count/Second"));
    assert_eq!(spec.solution.0, "solution.yaml");
}

#[test]
fn a_series_file_reads_minutes_and_values_with_gaps_left_empty() {
    let parse = super::super::series::parse;
    assert_eq!(
        parse("Minute, Value\r\n1,0.41\r\n2, \r\n3,1e1\r\n\r\n4,-2\n\n"),
        Ok(vec![Some(0.41), None, Some(10.0), Some(-2.0)])
    );
    let error = |text: &str| parse(text).unwrap_err();
    assert_eq!(error("1,0.4\n").0, 1);
    assert!(error("1,0.4\n").1.contains("header `minute,value`"));
    assert_eq!(error("\nminute;value\n").0, 2);
    let (line, message) = error("minute,value\n1,0.4\n3,0.5\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("minute 3 where minute 2 was expected")
            && message.contains("write `2,` for a minute without a datapoint"),
        "{message}"
    );
    assert_eq!(
        error("minute,value\n1,0.4,x\n"),
        (
            2,
            "a line is `minute,value` (`1,0.42`, or `1,` for a minute without a datapoint), not \
             3 fields"
                .to_owned()
        )
    );
    assert_eq!(
        error("minute,value\none,0.4\n"),
        (2, "`one` is not a minute number (1, 2, 3, …)".to_owned())
    );
    for bad in ["abc", "NaN", "inf", "1,5"] {
        let (line, message) = error(&format!("minute,value\n1,0.4\n2,{bad}\n"));
        assert_eq!(line, 3, "{bad}");
        assert!(
            message.contains("is not a number") || message.contains("fields"),
            "{bad}: {message}"
        );
    }
    assert_eq!(error("").0, 0);
    assert_eq!(
        error("minute,value\n"),
        (0, "the series has no minutes after its header".to_owned())
    );
    assert!(
        error("minute,value\n1,\n2,\n")
            .1
            .contains("every minute of the series is missing")
    );
    let day: String = (1..=MAX_SERIES_POINTS)
        .map(|m| format!("{m},1\n"))
        .collect();
    assert_eq!(parse(&format!("minute,value\n{day}")).unwrap().len(), 1440);
    assert_eq!(
        error(&format!("minute,value\n{day}1441,1\n")),
        (
            1442,
            "a series holds at most 1440 minutes (one day)".to_owned()
        )
    );
}

/// A copy of the alarm fixture in a temporary folder, to break.
fn fixture_copy(name: &str) -> TempDir {
    let from = alarm_module().join("exercises/01-cpu-after-deploy");
    let dir = TempDir::new(&format!("alarm-{name}"));
    for file in [
        "exercise.toml",
        "instructions.md",
        "series.csv",
        "starter.yaml",
        "solution.yaml",
        "wrong/two-of-three.yaml",
        "wrong/threshold-98.yaml",
    ] {
        dir.write(file, std::fs::read(from.join(file)).unwrap());
    }
    dir
}

/// The load errors of `dir`, as `file:line: message` with the file name only.
fn load_errors(dir: &TempDir) -> Vec<String> {
    load(&dir.0, "m")
        .expect_err("the exercise should not load")
        .iter()
        .map(|e| {
            let file = e.file.file_name().unwrap().to_string_lossy().into_owned();
            format!("{file}:{}: {}", e.line, e.message)
        })
        .collect()
}

#[test]
fn a_bad_or_missing_series_file_is_a_load_error_with_its_file_and_line() {
    let dir = fixture_copy("bad-series");
    dir.write("series.csv", "minute,value\n1,34\n2,thirty\n");
    assert_eq!(
        load_errors(&dir),
        [
            "series.csv:3: `thirty` is not a number (leave the value empty for a minute without a \
          datapoint)"
        ]
    );
    std::fs::remove_file(dir.0.join("series.csv")).unwrap();
    let toml = std::fs::read_to_string(dir.0.join("exercise.toml")).unwrap();
    let line = toml
        .lines()
        .position(|l| l.starts_with("series ="))
        .unwrap()
        + 1;
    assert_eq!(
        load_errors(&dir),
        [format!("exercise.toml:{line}: `series.csv` does not exist")]
    );
}

#[test]
fn a_window_past_the_end_of_the_series_is_a_load_error_on_its_to() {
    let dir = fixture_copy("short-series");
    let twelve: String = (1..=12).map(|m| format!("{m},40\n")).collect();
    dir.write("series.csv", format!("minute,value\n{twelve}"));
    let errors = load_errors(&dir);
    let toml = std::fs::read_to_string(dir.0.join("exercise.toml")).unwrap();
    let line = toml.lines().position(|l| l == "to = 20").unwrap() + 1;
    assert_eq!(
        errors,
        [format!(
            "exercise.toml:{line}: check `fires-on-saturation`: `to = 20` is past the end of the \
             series (`series.csv` has 12 minutes)"
        )]
    );
}
