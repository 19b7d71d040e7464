use super::*;
use std::time::{Duration, Instant};

/// Checks `src` against a fixture exercise and asserts a quick status error.
#[track_caller]
fn refused(name: &str, src: &str) -> RunError {
    let ex = fixture(name);
    let start = Instant::now();
    let run = check(&ex, src, Lang::En);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{name} took {:?}",
        start.elapsed()
    );
    assert_eq!(run.status, Status::Error, "{name}");
    assert!(run.checks.is_empty());
    assert_eq!((run.score, run.points_earned), (0.0, 0));
    let error = run.error.expect("an error");
    assert!(!error.message.is_empty());
    assert!(error.line >= 1 && error.col >= 1);
    error
}

const ALL: [&str; 6] = [
    "01-node-tests-cache",
    "02-ecs-blue-green",
    "03-secure-artifact-bucket",
    "04-fargate-task",
    "05-harden-node-image",
    "06-target-5xx-alarm",
];

#[test]
fn a_300_kb_submission_is_refused() {
    let src = format!(
        "version: 0.2\n{}",
        "# padding padding padding\n".repeat(12_000)
    );
    assert!(src.len() > 300 * 1024);
    for name in ALL {
        assert!(refused(name, &src).message.contains("256 KB"));
    }
}

#[test]
fn binary_data_is_refused() {
    let src = "FROM alpine\0\u{1}\u{2}version: 0.2";
    for name in ALL {
        assert!(refused(name, src).message.contains("binary"));
    }
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        src.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    for name in ALL {
        refused(name, &src);
    }
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let src = format!(
        "version: 0.2\nphases: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    for name in ALL {
        refused(name, &src);
    }
}

#[test]
fn a_file_of_the_wrong_kind_is_refused_with_what_it_looks_like() {
    let dockerfile = fixture("05-harden-node-image").solution;
    let error = refused("01-node-tests-cache", &dockerfile);
    assert!(
        error.message.contains("looks like a Dockerfile"),
        "{error:?}"
    );
    let task = fixture("04-fargate-task").solution;
    let error = refused("01-node-tests-cache", &task);
    assert!(
        error.message.contains("an ECS task definition"),
        "{error:?}"
    );
    let buildspec = fixture("01-node-tests-cache").solution;
    let error = refused("05-harden-node-image", &buildspec);
    assert!(
        error.message.contains("not look like a Dockerfile"),
        "{error:?}"
    );
}

#[test]
fn broken_yaml_gives_its_line_and_column() {
    let error = refused(
        "06-target-5xx-alarm",
        "AlarmName: x\nMetricName: [CPU\nThreshold: 1\n",
    );
    assert!(error.line >= 2, "{error:?}");
}

#[test]
fn an_empty_submission_is_refused() {
    for name in ALL {
        refused(name, "  \n# nothing\n");
    }
}

#[test]
fn a_check_run_serializes_like_a_test_runner_result() {
    let ex = fixture("01-node-tests-cache");
    let run = check(&ex, "version: 0.2\nphases: [\n", Lang::En);
    let json = serde_json::to_value(&run).unwrap();
    assert_eq!(json["status"], "error");
    assert!(json["error"]["line"].as_u64().unwrap() >= 1);
    assert!(json["error"]["col"].as_u64().is_some());
    assert_eq!(json["checks"], serde_json::json!([]));
    let back: CheckRun = serde_json::from_value(json).unwrap();
    assert_eq!(back, run);
}
