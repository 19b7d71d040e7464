use super::*;
use crate::lint::{ParseFailure, UnknownKind};

#[test]
fn kinds_parse_from_their_names_and_back() {
    for kind in Kind::ALL {
        assert_eq!(kind.name().parse::<Kind>(), Ok(kind));
        assert_eq!(kind.to_string(), kind.name());
    }
    assert_eq!(
        "ecs-task-definition".parse::<Kind>(),
        Ok(Kind::EcsTaskDefinition)
    );
    assert_eq!(
        "terraform".parse::<Kind>(),
        Err(UnknownKind("terraform".into()))
    );
}

#[test]
fn findings_serialize_with_lowercase_severity_and_come_sorted_by_line() {
    let src = "\
version: 0.1
phases:
  build:
    commands:
      - npm test
  deploy:
    commands:
      - ./deploy.sh
env:
  variables:
    PORT: 8080
";
    let all = findings(Kind::Buildspec, src);
    let lines: Vec<usize> = all.iter().map(|f| f.line).collect();
    assert_eq!(lines, [1, 6, 11], "{all:?}");
    let json = serde_json::to_value(&all[0]).unwrap_or_default();
    assert_eq!(json["severity"], "warning");
    assert_eq!(json["rule"], "buildspec/version");
    assert!(
        json["doc"]
            .as_str()
            .unwrap_or("")
            .starts_with("https://docs.aws.amazon.com/")
    );
}

#[test]
fn findings_point_at_the_key_not_the_nested_value() {
    let src = "version: 0.2\nphases:\n  # the build\n  biuld:\n    commands:\n      - make\n";
    let found = of_rule(Kind::Buildspec, src, "buildspec/phase-name");
    assert_eq!((found[0].line, found[0].col), (4, 3));
}

#[test]
fn every_finding_links_to_aws_documentation() {
    let src = "version: 0.3\nphases:\n  build:\n    commands: make\nfoo: 1\n";
    for f in findings(Kind::Buildspec, src) {
        assert!(
            f.doc
                .as_deref()
                .is_some_and(|d| d.starts_with("https://docs.aws.amazon.com/")),
            "{f}"
        );
    }
}

#[test]
fn parse_failures_display_their_position() {
    let err = ParseFailure {
        line: 3,
        col: 7,
        message: "bad".into(),
    };
    assert_eq!(err.to_string(), "line 3, column 7: bad");
}
