//! Loading data-kind exercises: the `[data]` table, the `key` of checks, and data files
//! that are load errors with their file and line.

use super::*;

/// A copy of the data fixture `name` in a temporary folder, to break.
fn copy_of(name: &str) -> TempDir {
    let from = data_module().join("exercises").join(name);
    let dir = TempDir::new(&format!("data-{name}"));
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        for entry in std::fs::read_dir(from.join(&rel)).unwrap() {
            let entry = entry.unwrap();
            let rel = rel.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                todo.push(rel);
            } else {
                dir.write(rel.to_str().unwrap(), std::fs::read(entry.path()).unwrap());
            }
        }
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

#[track_caller]
fn has(errors: &[String], text: &str) {
    assert!(
        errors.iter().any(|e| e.contains(text)),
        "expected `{text}` in {errors:?}"
    );
}

/// `exercise.toml` of `kind` with `data` and `checks` TOML.
fn spec_src(kind: &str, data: &str, checks: &str) -> String {
    format!("id = \"x\"\nkind = \"{kind}\"\n\n[data]\n{data}\n{checks}")
}

const ONE_BOTTLENECK_CHECK: &str =
    "[[checks]]\nid = \"b\"\nkey = \"bottleneck\"\nmessage = \"m\"\nhint = \"h\"\n";

#[test]
fn unknown_data_keys_are_load_errors_with_their_line_and_a_suggestion() {
    let errors = spec_errors(&spec_src(
        "xray-bottleneck",
        "tarce = \"trace.json\"",
        ONE_BOTTLENECK_CHECK,
    ));
    assert_eq!(
        errors,
        [
            "5: unknown key `tarce` in `[data]` of a xray-bottleneck exercise (did you mean `trace`?)"
        ]
    );
    let errors = spec_errors(&spec_src(
        "dora-metrics",
        "tolerance_percnt = 5.0\nwindow_days = 0",
        "[[checks]]\nid = \"f\"\nkey = \"deployment_frequency_per_day\"\nmessage = \"m\"\nhint = \"h\"\n",
    ));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("5: ") && e.contains("did you mean `tolerance_percent`?")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("6: ") && e.contains("`window_days` must be")),
        "{errors:?}"
    );
    let errors = spec_errors(&spec_src(
        "dora-metrics",
        "tolerance_percent = 5.0\ntolerance_absolute = 0.5",
        "[[checks]]\nid = \"f\"\nkey = \"deployment_frequency_per_day\"\nmessage = \"m\"\nhint = \"h\"\n",
    ));
    assert!(errors[0].contains("not both"), "{errors:?}");
    let errors = spec_errors(&spec_src(
        "drift",
        "template = \"template.yaml\"\ntrace = \"t.json\"",
        "[[checks]]\nid = \"d\"\nkey = \"drift\"\nmessage = \"m\"\nhint = \"h\"\n",
    ));
    assert_eq!(
        errors,
        ["6: unknown key `trace` in `[data]` of a drift exercise"]
    );
}

#[test]
fn check_keys_are_validated_at_load_with_a_suggestion() {
    let src = spec_src(
        "dora-metrics",
        "",
        "[[checks]]\nid = \"lead\"\nkey = \"lead_time_median_hour\"\nmessage = \"m\"\nhint = \"h\"\n\n\
         [[checks]]\nid = \"other\"\npath = \"x\"\nkey = \"recovery_median_hours\"\nmessage = \"m\"\nhint = \"h\"\n\n\
         [[checks]]\nid = \"no-key\"\nmessage = \"m\"\nhint = \"h\"\n",
    );
    let errors = spec_errors(&src);
    let expect = [
        (
            8,
            "unknown answer key `lead_time_median_hour` (did you mean `lead_time_median_hours`?",
        ),
        (14, "unknown key `path` in a dora-metrics check"),
        (19, "check `no-key` needs `key`"),
    ];
    for (line, text) in expect {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("{line}: ")) && e.contains(text)),
            "expected `{text}` on line {line}: {errors:?}"
        );
    }
    let twice = spec_src(
        "xray-bottleneck",
        "",
        &format!(
            "{ONE_BOTTLENECK_CHECK}\n[[checks]]\nid = \"again\"\nkey = \"bottleneck\"\nmessage = \"m\"\nhint = \"h\"\n"
        ),
    );
    let errors = spec_errors(&twice);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("12: ") && e.contains("reads `bottleneck` too")),
        "{errors:?}"
    );
    let errors = spec_errors(&spec_src(
        "drift",
        "",
        "[[checks]]\nid = \"d\"\nkey = \"logical_id\"\nmessage = \"m\"\nhint = \"h\"\n",
    ));
    assert!(
        errors[0].contains("a drift check reads one of drift"),
        "{errors:?}"
    );
}

#[test]
fn data_kinds_default_to_yaml_answers_and_named_data_files() {
    let src = spec_src("xray-bottleneck", "", ONE_BOTTLENECK_CHECK);
    let spec = spec::parse(&src, Path::new("exercise.toml")).unwrap();
    assert_eq!(spec.starter.0, "starter.yaml");
    assert_eq!(spec.solution.0, "solution.yaml");
    let SpecChecker::Data(data) = spec.checker else {
        panic!("not a data kind");
    };
    assert_eq!(data.kind(), DataKind::XrayBottleneck);

    let dir = copy_of("02-xray-payments");
    dir.write(
        "exercise.toml",
        format!("id = \"x\"\nkind = \"xray-bottleneck\"\n{ONE_BOTTLENECK_CHECK}"),
    );
    let ex = load(&dir.0, "m").unwrap();
    assert!(matches!(ex.checker, Checker::Data(DataSet::Xray { .. })));
    std::fs::remove_file(dir.0.join("trace.json")).unwrap();
    has(
        &load_errors(&dir),
        "trace.json:0: `trace.json` does not exist",
    );
}

#[test]
fn a_bad_deployment_record_is_a_load_error_with_its_file_and_line() {
    let dir = copy_of("01-dora-fortnight");
    let csv = std::fs::read_to_string(dir.0.join("deployments.csv")).unwrap();
    dir.write(
        "deployments.csv",
        csv.replace("2026-11-03T15:00:00Z", "03 Nov 15:00"),
    );
    has(&load_errors(&dir), "deployments.csv:4: commit_time");

    let dir = copy_of("01-dora-fortnight");
    dir.write(
        "incidents.csv",
        "incident_id,deployment_id,start_time,resolved_time\nINC-1,D-999,2026-11-05T12:10:00Z,2026-11-05T12:50:00Z\n",
    );
    has(
        &load_errors(&dir),
        "incidents.csv:2: deployment_id `D-999` is not in deployments.csv",
    );

    let dir = copy_of("01-dora-fortnight");
    dir.write(
        "exercise.toml",
        std::fs::read_to_string(dir.0.join("exercise.toml"))
            .unwrap()
            .replace(
                "incidents = \"incidents.csv\"",
                "incidents = \"../incidents.csv\"",
            ),
    );
    has(
        &load_errors(&dir),
        "exercise.toml:9: `../incidents.csv` must be a file name inside",
    );
}

#[test]
fn a_bad_trace_is_a_load_error_with_its_file_and_json_line() {
    let dir = copy_of("02-xray-payments");
    dir.write(
        "trace.json",
        "{\n  \"Traces\": [\n    {\"Id\": 1,,}\n  ]\n}\n",
    );
    has(
        &load_errors(&dir),
        "trace.json:3: the file is not valid JSON",
    );
    dir.write("trace.json", "{\"Traces\": []}");
    has(&load_errors(&dir), "trace.json:0: `Traces` is empty");
}

#[test]
fn a_bad_drift_report_or_template_is_a_load_error_with_its_file() {
    let dir = copy_of("03-drift-open-ssh");
    let report = std::fs::read_to_string(dir.0.join("drift.json")).unwrap();
    dir.write("drift.json", report.replace("\"MODIFIED\"", "\"IN_SYNC\""));
    has(
        &load_errors(&dir),
        "drift.json:0: no property drifted in this report",
    );

    dir.write("drift.json", format!("\n\n{}", &report[..report.len() / 2]));
    let errors = load_errors(&dir);
    assert!(
        errors.iter().any(|e| e.starts_with("drift.json:")
            && !e.starts_with("drift.json:0:")
            && e.contains("not valid JSON")),
        "{errors:?}"
    );

    dir.write("drift.json", &report);
    dir.write(
        "template.yaml",
        "Resources:\n  AppLogGroup:\n    Type: [oops\n",
    );
    has(&load_errors(&dir), "template.yaml:");
    let errors = load_errors(&dir);
    assert!(
        errors.iter().any(|e| !e.starts_with("template.yaml:0:")),
        "a YAML error has its line: {errors:?}"
    );

    let template =
        std::fs::read_to_string(data_module().join("exercises/03-drift-open-ssh/template.yaml"))
            .unwrap();
    dir.write(
        "template.yaml",
        template.replace("WebSecurityGroup:", "WebSecurityGroups:"),
    );
    has(
        &load_errors(&dir),
        "`WebSecurityGroup` drifted in the report but is not a resource of the template (did you mean `WebSecurityGroups`?)",
    );
}
