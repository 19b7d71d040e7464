//! Checking answers to the data kinds, with the fixtures of `07-data`.

use super::*;

const DATA_FIXTURES: [&str; 3] = ["01-dora-fortnight", "02-xray-payments", "03-drift-open-ssh"];

/// The result of check `id` when `src` is checked in `lang`.
#[track_caller]
fn result(ex: &Exercise, src: &str, lang: Lang, id: &str) -> CheckResult {
    let run = check(ex, src, lang);
    assert!(run.error.is_none(), "{:?}", run.error);
    run.checks
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check `{id}`"))
}

#[test]
fn every_data_fixture_loads_and_verifies_without_problems() {
    for name in DATA_FIXTURES {
        let ex = data_fixture(name);
        assert_eq!(verify(&ex), Vec::<Problem>::new(), "{name}");
        assert!(ex.instructions_vi.is_some(), "{name} has no Vietnamese");
        assert!(!ex.wrong.is_empty(), "{name}");
    }
}

#[test]
fn the_data_fixture_module_has_one_exercise_per_data_kind() {
    let (exercises, errors) = load_all(&data_module(), "07-data");
    assert!(errors.is_empty(), "{errors:?}");
    let kinds: Vec<&str> = exercises.iter().map(|e| e.checker.name()).collect();
    assert_eq!(kinds, ["dora-metrics", "xray-bottleneck", "drift"]);
    let ex = &exercises[0];
    let Checker::Data(DataSet::Dora {
        metrics, tolerance, ..
    }) = &ex.checker
    else {
        panic!("not a DORA exercise");
    };
    assert_eq!(metrics.window_days, 14);
    assert_eq!(metrics.deployments, 10);
    assert_eq!(*tolerance, crate::data::DoraTolerance::Relative(0.02));
    assert_eq!(ex.policy.after_failed, Some(3));
    assert!(matches!(&ex.checks[1].test, Test::Data { key } if key == "lead_time_median_hours"));
}

#[test]
fn each_data_kind_passes_its_solution_with_full_points() {
    for name in DATA_FIXTURES {
        let ex = data_fixture(name);
        for lang in [Lang::En, Lang::Vi] {
            let run = check(&ex, &ex.solution, lang);
            assert_eq!(run.status, Status::Pass, "{name}: {run:?}");
            assert_eq!(run.points_earned, ex.points);
            assert!(
                run.checks
                    .iter()
                    .all(|c| c.hint.is_none() && c.line.is_none())
            );
        }
        let run = check(&ex, &ex.starter, Lang::En);
        assert_eq!(run.status, Status::Fail, "{name}: the starter");
        assert_eq!(run.points_earned, 0);
    }
}

#[test]
fn json_answers_are_read_too() {
    let ex = data_fixture("02-xray-payments");
    let run = check(
        &ex,
        r#"{"bottleneck": "payments.internal.example.com"}"#,
        Lang::En,
    );
    assert_eq!(run.status, Status::Pass, "{run:?}");
    let ex = data_fixture("01-dora-fortnight");
    let run = check(
        &ex,
        r#"{"deployment_frequency_per_day": 0.714, "lead_time_median_hours": "14",
            "change_failure_rate_percent": 20.0, "recovery_median_hours": 1.5}"#,
        Lang::En,
    );
    assert_eq!(run.status, Status::Pass, "{run:?}");
}

#[test]
fn wrong_answers_fail_the_checks_they_name_and_score_the_rest() {
    let ex = data_fixture("01-dora-fortnight");
    for w in &ex.wrong {
        let run = check(&ex, &w.text, Lang::En);
        let failed: Vec<&str> = run
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(failed, w.fails, "{}", w.file);
        assert_eq!(run.score, 0.5);
        assert_eq!(run.points_earned, 10);
    }
}

#[test]
fn a_unit_mistake_gives_the_authored_hint_and_the_checkers_specific_one() {
    let ex = data_fixture("01-dora-fortnight");
    let minutes = &ex.wrong[0].text;
    let recovery = result(&ex, minutes, Lang::En, "recovery");
    assert!(!recovery.passed);
    assert_eq!(recovery.message, "The median recovery time is not right.");
    let hint = recovery.hint.unwrap();
    assert!(
        hint.starts_with("Use only the incidents caused by a deployment"),
        "{hint}"
    );
    assert!(
        hint.ends_with(
            "Median recovery time is too high: this looks like minutes; give it in hours."
        ),
        "{hint}"
    );
    assert!(!hint.contains("1.5"), "{hint}");
    assert_eq!(
        recovery.line,
        Some(5),
        "the line of `recovery_median_hours`"
    );
    let lead = result(&ex, minutes, Lang::En, "lead-time");
    assert!(
        lead.hint
            .as_deref()
            .unwrap()
            .contains("this looks like days; give it in hours"),
        "{lead:?}"
    );
    assert_eq!(lead.line, Some(3));

    let fraction = &ex.wrong[1].text;
    let rate = result(&ex, fraction, Lang::En, "change-failure-rate");
    assert!(
        rate.hint.as_deref().unwrap().contains("give a percentage"),
        "{rate:?}"
    );
    let frequency = result(&ex, fraction, Lang::En, "frequency");
    assert!(
        frequency
            .hint
            .as_deref()
            .unwrap()
            .contains("deployments per week"),
        "{frequency:?}"
    );
}

#[test]
fn specific_hints_come_in_vietnamese_too() {
    let ex = data_fixture("01-dora-fortnight");
    let recovery = result(&ex, &ex.wrong[0].text, Lang::Vi, "recovery");
    assert_eq!(recovery.message, "Thời gian khôi phục trung vị chưa đúng.");
    let hint = recovery.hint.unwrap();
    assert!(hint.starts_with("Chỉ dùng các sự cố"), "{hint}");
    assert!(
        hint.ends_with(
            "Thời gian khôi phục trung vị đang quá cao: có vẻ đây là số phút; hãy đổi sang giờ."
        ),
        "{hint}"
    );

    let ex = data_fixture("02-xray-payments");
    let parent = result(&ex, &ex.wrong[0].text, Lang::Vi, "bottleneck");
    let hint = parent.hint.unwrap();
    assert!(
        hint.contains("Invocation chậm chủ yếu vì phải chờ"),
        "{hint}"
    );
}

#[test]
fn every_sentence_of_the_data_checkers_has_a_vietnamese_version() {
    let sentences = [
        "Deployment frequency is too high: this looks like deployments per week; give it per day.",
        "Median lead time is too low.",
        "Median lead time is too high: this looks like minutes; give it in hours.",
        "Median recovery time is too low: this looks like days; give it in hours.",
        "Change failure rate is too low: this looks like a fraction; give a percentage (20 for 20 %).",
        "Change failure rate should be a number, like 12.5.",
        "Median recovery time: look again at which incidents count; leave this key out if none of them does.",
        "Name the span, or paste its id.",
        "That is longer than any span name here.",
        "This trace has no spans.",
        "There is no span named `orders` in this trace; copy a name from the waterfall.",
        "Invocation is slow mostly because it waits on something it calls: look at its children and compare the time each spends on its own.",
        "SQS is not where the time goes: compare how long each span spends on its own, outside the spans it calls.",
        "Name the resource by its logical id, as in the template.",
        "That is longer than any logical id or path here.",
        "Give the property's path too, like /Properties/RetentionInDays.",
        "Logical ids are case-sensitive: check how `applogGroup` is spelled in the template.",
        "`AssetsBucket` has not drifted: its properties match the template.",
        "There is no resource `Queue` in the template.",
        "No drift was found on `Queue`.",
        "Property names are case-sensitive: check how /retentionInDays is spelled.",
        "Right resource, and the drift is inside /SecurityGroupIngress: go down to the value that changed.",
        "Right resource, but /RetentionInDays/0 goes deeper than the value that drifted.",
        "AppLogGroup has drifted, but not at /LogGroupName.",
    ];
    for s in sentences {
        let vi =
            crate::exercise::answer_vi::vi(s).unwrap_or_else(|| panic!("no Vietnamese for {s}"));
        assert_ne!(vi, s);
    }
    assert_eq!(
        crate::exercise::answer_vi::vi("AppLogGroup has drifted, but not at /LogGroupName.")
            .unwrap(),
        "AppLogGroup có drift, nhưng không phải ở /LogGroupName."
    );
    // Something the data module may say one day is shown in English, not lost.
    assert_eq!(
        crate::exercise::answer_vi::translate("A new sentence.", Lang::Vi),
        "A new sentence."
    );
}

#[test]
fn naming_the_parent_span_says_it_waits_and_points_at_the_answer_line() {
    let ex = data_fixture("02-xray-payments");
    let parent = result(&ex, &ex.wrong[0].text, Lang::En, "bottleneck");
    assert!(!parent.passed);
    let hint = parent.hint.unwrap();
    assert!(hint.contains("waits on something it calls"), "{hint}");
    assert!(!hint.contains("payments"), "{hint}");
    assert_eq!(parent.line, Some(2));
    let queue = result(&ex, "bottleneck: SQS\n", Lang::En, "bottleneck");
    assert!(queue.hint.unwrap().contains("not where the time goes"));
    let id = result(
        &ex,
        "bottleneck: bc2d3e4f5a6b7c8d\n",
        Lang::En,
        "bottleneck",
    );
    assert!(id.passed, "the span's id names it too");
    let unknown = result(&ex, "bottleneck: orders\n", Lang::En, "bottleneck");
    assert!(unknown.hint.unwrap().contains("no span named `orders`"));
    let list = result(
        &ex,
        "bottleneck: [SQS, Invocation]\n",
        Lang::En,
        "bottleneck",
    );
    assert!(list.hint.unwrap().contains("a single value"));
}

#[test]
fn a_drift_answer_points_at_the_path_or_the_id_whichever_is_wrong() {
    let ex = data_fixture("03-drift-open-ssh");
    let list = result(&ex, &ex.wrong[1].text, Lang::En, "drifted-property");
    assert!(!list.passed);
    assert!(
        list.hint
            .as_deref()
            .unwrap()
            .contains("the drift is inside"),
        "{list:?}"
    );
    assert_eq!(list.line, Some(3), "the line of `property_path`");
    let bucket = result(&ex, &ex.wrong[0].text, Lang::En, "drifted-property");
    assert!(
        bucket.hint.as_deref().unwrap().contains("has not drifted"),
        "{bucket:?}"
    );
    assert_eq!(bucket.line, Some(1), "the line of `logical_id`");
    for answer in [
        "logical_id: AppLogGroup\nproperty_path: RetentionInDays\n",
        "logical_id: AppLogGroup\nproperty_path: Properties.RetentionInDays\n",
        "{\"logical_id\": \"WebSecurityGroup\", \"property_path\": \"/SecurityGroupIngress/1\"}",
    ] {
        assert_eq!(
            check(&ex, answer, Lang::En).status,
            Status::Pass,
            "{answer}"
        );
    }
}

#[test]
fn a_missing_answer_key_says_how_to_add_it() {
    let ex = data_fixture("01-dora-fortnight");
    let src = "deployment_frequency_per_day: 0.71\nlead_time_median_hours: 14\nchange_failure_rate_percent: 20\n";
    let run = check(&ex, src, Lang::En);
    assert_eq!(run.status, Status::Fail);
    let recovery = run.checks.iter().find(|c| c.id == "recovery").unwrap();
    assert!(
        recovery
            .hint
            .as_deref()
            .unwrap()
            .ends_with("`recovery_median_hours` is missing: add `recovery_median_hours: …`."),
        "{recovery:?}"
    );
    assert_eq!(recovery.line, None);
    let blank = result(&ex, &ex.starter, Lang::En, "lead-time");
    assert!(
        blank.hint.unwrap().contains("should be a number"),
        "a blank value"
    );
}

/// Checks `src` against a data fixture and returns the error of its status-error run.
#[track_caller]
fn unreadable(name: &str, src: &str, lang: Lang) -> RunError {
    let run = check(&data_fixture(name), src, lang);
    assert_eq!(run.status, Status::Error, "{name}: {run:?}");
    assert!(run.checks.is_empty());
    assert_eq!((run.score, run.points_earned), (0.0, 0));
    let error = run.error.expect("an error");
    assert!(error.line >= 1 && error.col >= 1, "{error:?}");
    error
}

#[test]
fn unreadable_answers_are_status_errors_with_line_and_column() {
    for name in DATA_FIXTURES {
        let broken = unreadable(name, "a: 1\nb: [1, 2\nc: 3\n", Lang::En);
        assert!(
            broken.message.contains("not valid YAML or JSON"),
            "{broken:?}"
        );
        assert!(broken.line >= 2, "{broken:?}");
        let list = unreadable(name, "- one\n- two\n", Lang::En);
        assert!(list.message.contains("keys and values"), "{list:?}");
        let big = format!("# {}\nbottleneck: x\n", "padding ".repeat(3_000));
        assert!(
            unreadable(name, &big, Lang::En)
                .message
                .contains("at most 16 KB")
        );
        let huge = format!("a: b\n{}", "# padding padding padding\n".repeat(12_000));
        assert!(unreadable(name, &huge, Lang::En).message.contains("256 KB"));
        let binary = "bottleneck: x\0\u{1}\u{2}";
        assert!(
            unreadable(name, binary, Lang::En)
                .message
                .contains("binary")
        );
        let empty = unreadable(name, "\n# nothing yet\n", Lang::En);
        assert!(empty.message.contains("empty"), "{empty:?}");
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..6 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        unreadable(name, &bomb, Lang::En);
    }
    let toml = unreadable(
        "01-dora-fortnight",
        "lead_time_median_hours = 14\n",
        Lang::Vi,
    );
    assert!(toml.message.contains("mỗi dòng một cặp"), "{toml:?}");
}

#[test]
fn an_unknown_answer_key_is_an_error_on_its_line_with_a_suggestion() {
    let error = unreadable(
        "01-dora-fortnight",
        "deployment_frequency_per_day: 0.71\nlead_time_median_hour: 14\n",
        Lang::En,
    );
    assert_eq!(error.line, 2);
    assert!(
        error
            .message
            .contains("did you mean `lead_time_median_hours`?"),
        "{error:?}"
    );
    let error = unreadable("02-xray-payments", "slowest: SQS\n", Lang::Vi);
    assert!(error.message.contains("không phải key"), "{error:?}");
    let error = unreadable(
        "03-drift-open-ssh",
        "logical_id: AppLogGroup\npath: /RetentionInDays\n",
        Lang::En,
    );
    assert!(
        error
            .message
            .contains("the keys are logical_id, property_path"),
        "{error:?}"
    );
}
