//! Input that is not a template, or is built to hurt the linter.

use super::*;
use std::time::{Duration, Instant};

#[test]
fn an_empty_file_is_a_parse_failure() {
    assert!(lint("").is_err());
    assert!(lint("   \n# only a comment\n").is_err());
}

#[test]
fn binary_data_is_a_parse_failure() {
    let src = "Resources:\0\u{1}\u{2}\u{3}\u{4}\u{5}";
    assert!(lint(src).unwrap_err().message.contains("binary"));
}

#[test]
fn a_buildspec_is_one_clear_failure_that_names_what_is_missing() {
    let src = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";
    let err = lint(src).unwrap_err();
    assert!(
        err.message
            .contains("this does not look like a CloudFormation template"),
        "{err}"
    );
    assert!(err.message.contains("no Resources"), "{err}");
    assert!(err.message.contains("buildspec"), "{err}");
}

#[test]
fn a_dockerfile_is_refused_as_the_wrong_kind() {
    let err = lint("FROM node:20-alpine\nRUN npm ci\n").unwrap_err();
    assert!(err.message.contains("Dockerfile"), "{err}");
}

#[test]
fn a_scalar_or_list_document_is_refused() {
    assert!(lint("just some words\n").is_err());
    assert!(lint("- a\n- b\n").is_err());
}

#[test]
fn broken_yaml_is_a_failure_with_a_position() {
    let err = lint("Resources:\n  A: [1, 2\n  B: 3\n").unwrap_err();
    assert!(err.line >= 2);
}

#[test]
fn an_oversized_template_is_refused() {
    let src = format!(
        "Resources:\n{}",
        "  # padding padding padding padding\n".repeat(10_000)
    );
    assert!(src.len() > 300 * 1024);
    assert!(lint(&src).unwrap_err().message.contains("limit"));
}

#[test]
fn an_alias_bomb_in_resource_properties_is_refused_quickly() {
    let mut src = String::from(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        src.push_str(&format!(
            "      a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let started = Instant::now();
    let err = lint(&src).unwrap_err();
    assert!(err.message.contains("more than"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn deep_nesting_inside_a_resource_is_refused() {
    let src = format!(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata: {}{}\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    assert!(lint(&src).unwrap_err().message.contains("nesting"));
}

#[test]
fn nested_functions_up_to_the_depth_limit_are_walked() {
    let mut value = String::from("!Ref Env");
    for _ in 0..25 {
        value = format!("!Join ['', [{value}]]");
    }
    let src = with_resources(&format!(
        "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: {value}\n"
    ));
    assert_eq!(errors(&src), vec![]);
}

#[test]
fn a_big_but_allowed_template_with_a_long_dependency_chain_is_linted_fast() {
    let mut src = String::from("Resources:\n  Q0:\n    Type: AWS::SQS::Queue\n");
    let mut i = 1;
    while src.len() < 240 * 1024 {
        src.push_str(&format!(
            "  Q{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt Q{}.QueueName\n",
            i - 1
        ));
        i += 1;
    }
    let started = Instant::now();
    let found = findings(&src);
    assert!(found.is_empty(), "{:?}", found.first());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn thousands_of_broken_references_stay_linear() {
    let mut src = String::from("Resources:\n");
    for i in 0..3_000 {
        src.push_str(&format!(
            "  R{i}:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing{i}\n"
        ));
    }
    let started = Instant::now();
    assert_eq!(of(&src, "cfn/depends-on-target").len(), 3_000);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn unicode_and_odd_keys_do_not_panic() {
    let src = "Resources:\n  Ünïcødé:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Sub '${'\n  'null':\n    Type: ~\n  '123':\n    Type: [a]\n";
    let found = findings(src);
    assert!(found.iter().any(|f| f.rule == "cfn/logical-id"));
    assert!(found.iter().any(|f| f.rule == "cfn/resource-type"));
}

#[test]
fn the_shared_entry_point_routes_templates_here_and_sorts_findings() {
    use crate::lint::{Kind, lint as lint_kind};
    let src = with_resources(
        "  B:\n    Type: AWS::S3::Bucket\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Nope\n",
    );
    let found = lint_kind(Kind::Cloudformation, &src).unwrap();
    assert!(found.iter().any(|f| f.rule == "cfn/depends-on-target"));
    assert!(
        found
            .windows(2)
            .all(|w| (w[0].line, w[0].col) <= (w[1].line, w[1].col))
    );
}
