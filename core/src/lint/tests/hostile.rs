use super::*;
use crate::lint::{ParseFailure, evaluate_alarm};
use std::time::{Duration, Instant};

/// Every YAML kind of mine refuses `src` with a ParseFailure, quickly.
#[track_caller]
fn refused_by_all(src: &str) -> Vec<ParseFailure> {
    let kinds = [
        Kind::Buildspec,
        Kind::Appspec,
        Kind::EcsTaskDefinition,
        Kind::CloudwatchAlarm,
    ];
    kinds
        .into_iter()
        .map(|kind| {
            let start = Instant::now();
            let result = lint(kind, src);
            assert!(
                start.elapsed() < Duration::from_secs(2),
                "{kind} took {:?}",
                start.elapsed()
            );
            result.expect_err("hostile input must be refused")
        })
        .collect()
}

#[test]
fn input_over_256_kb_is_refused_before_parsing() {
    let src = format!(
        "version: 0.2\nphases:\n  build:\n    commands:\n{}",
        "      - echo hi\n".repeat(20_000)
    );
    assert!(src.len() > 300 * 1024);
    for err in refused_by_all(&src) {
        assert!(err.message.contains("limit is 256 KB"), "{err}");
    }
    assert!(evaluate_alarm(&src, &[]).is_err());
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        src.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    src.push_str("phases: *a11\nMetricName: *a11\ncontainerDefinitions: *a11\nResources: *a11\n");
    for err in refused_by_all(&src) {
        assert!(err.message.contains("more than"), "{err}");
    }
}

#[test]
fn ten_thousand_deep_nesting_is_refused_quickly() {
    let src = format!("phases: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    for err in refused_by_all(&src) {
        assert!(err.message.contains("nesting"), "{err}");
    }
    let src = format!("{}{}", "{\"a\": ".repeat(10_000), "}".repeat(10_000));
    refused_by_all(&src);
}

#[test]
fn binary_data_is_refused() {
    let src = "version: 0.2\0phases: {}";
    for err in refused_by_all(src) {
        assert_eq!(err.message, "this looks like binary data, not a text file");
    }
    let src: String = (0u8..=40).map(char::from).collect();
    for err in refused_by_all(&src) {
        assert!(err.message.contains("binary"), "{err}");
    }
}

#[test]
fn a_stray_control_character_is_not_binary() {
    let src = "version: 0.2\nphases:\n  build:\n    commands:\n      - \"printf '\u{1b}[1m'\"\n";
    clean(Kind::Buildspec, src);
}

#[test]
fn empty_input_is_refused_with_one_message() {
    for src in ["", "   \n\n", "# just a comment\n"] {
        for err in refused_by_all(src) {
            assert!(err.message.contains("empty"), "{err}");
        }
    }
}

#[test]
fn broken_yaml_reports_its_position() {
    let err = lint(Kind::Buildspec, "version: 0.2\nphases: [build\n").unwrap_err();
    assert!(
        err.message.starts_with("this is not valid YAML or JSON"),
        "{err}"
    );
    assert!(err.line >= 2, "{err}");
}

#[test]
fn a_dockerfile_given_to_a_yaml_linter_is_named() {
    let dockerfile =
        "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";
    for err in refused_by_all(dockerfile) {
        assert!(err.message.contains("looks like a Dockerfile"), "{err}");
    }
    let with_arg = "ARG BASE=python:3.12\nFROM $BASE\nRUN pip install flask\n";
    for err in refused_by_all(with_arg) {
        assert!(err.message.contains("looks like a Dockerfile"), "{err}");
    }
}

#[test]
fn a_task_definition_given_to_the_appspec_linter_is_one_clear_failure() {
    let task = r#"{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]}"#;
    let err = lint(Kind::Appspec, task).unwrap_err();
    assert!(
        err.message
            .contains("does not look like a CodeDeploy AppSpec file"),
        "{err}"
    );
    assert!(
        err.message.contains("looks like an ECS task definition"),
        "{err}"
    );
}

#[test]
fn each_kind_names_what_it_was_given_instead() {
    let buildspec = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";
    let appspec = "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv\n";
    let alarm =
        "MetricName: Errors\nNamespace: AWS/Lambda\nComparisonOperator: GreaterThanThreshold\n";
    let template =
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n";
    let cases = [
        (Kind::CloudwatchAlarm, buildspec, "a CodeBuild buildspec"),
        (
            Kind::EcsTaskDefinition,
            appspec,
            "a CodeDeploy AppSpec file",
        ),
        (Kind::Buildspec, alarm, "a CloudWatch alarm"),
        (Kind::CloudwatchAlarm, template, "a CloudFormation template"),
        (Kind::Appspec, buildspec, "a CodeBuild buildspec"),
    ];
    for (kind, src, named) in cases {
        let err = lint(kind, src).unwrap_err();
        assert!(
            err.message.contains(&format!("it looks like {named}")),
            "{kind}: {err}"
        );
    }
}

#[test]
fn a_list_or_a_plain_string_is_not_any_kind() {
    for err in refused_by_all("- a\n- b\n") {
        assert!(err.message.contains("top level is a list"), "{err}");
    }
    for err in refused_by_all("just some words\n") {
        assert!(err.message.contains("top level is a string"), "{err}");
    }
}
