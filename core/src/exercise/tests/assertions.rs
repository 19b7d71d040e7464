use super::*;

/// A Fargate task definition to assert on.
const TASK: &str = r#"{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": 512,
  "containerDefinitions": [
    { "name": "web", "image": "web:1.2", "essential": true,
      "portMappings": [{ "containerPort": 8080 }] },
    { "name": "log-router", "image": "fluent-bit:2.2", "essential": false }
  ]
}"#;

/// Asserts that `assertion` on `path` passes on [`TASK`] and `failing` on `other_path`
/// fails.
#[track_caller]
fn pass_and_fail(path: &str, assertion: &str, failing_path: &str, failing: &str) {
    let ex = exercise("ecs-task-definition", &path_check(path, assertion));
    assert!(passes(&ex, TASK), "{path} {assertion} should pass");
    let ex = exercise("ecs-task-definition", &path_check(failing_path, failing));
    assert!(!passes(&ex, TASK), "{failing_path} {failing} should fail");
}

#[test]
fn exists_passes_on_a_present_key_and_fails_on_a_missing_one() {
    pass_and_fail(
        "family",
        "exists = true",
        "executionRoleArn",
        "exists = true",
    );
}

#[test]
fn absent_passes_on_a_missing_key_and_fails_on_a_present_one() {
    pass_and_fail(
        "taskRoleArn",
        "absent = true",
        "networkMode",
        "absent = true",
    );
}

#[test]
fn equals_passes_on_the_same_value_and_fails_on_another() {
    pass_and_fail(
        "networkMode",
        "equals = \"awsvpc\"",
        "networkMode",
        "equals = \"bridge\"",
    );
}

#[test]
fn one_of_passes_on_a_listed_value_and_fails_on_an_unlisted_one() {
    pass_and_fail(
        "cpu",
        "one_of = [256, 512, 1024]",
        "cpu",
        "one_of = [\"512\", \"1024\"]",
    );
}

#[test]
fn matches_passes_on_a_matching_scalar_and_fails_otherwise() {
    pass_and_fail(
        "containerDefinitions[0].image",
        r#"matches = ':\d+(\.\d+)*$'"#,
        "containerDefinitions[0].image",
        "matches = ':latest$'",
    );
}

#[test]
fn type_passes_on_the_right_type_and_fails_on_another() {
    pass_and_fail(
        "containerDefinitions",
        "type = \"list\"",
        "cpu",
        "type = \"number\"",
    );
    pass_and_fail("memory", "type = \"number\"", "family", "type = \"map\"");
}

#[test]
fn count_min_and_count_max_count_list_items() {
    pass_and_fail(
        "containerDefinitions",
        "count_min = 2",
        "containerDefinitions",
        "count_min = 3",
    );
    pass_and_fail(
        "containerDefinitions",
        "count_max = 2",
        "containerDefinitions",
        "count_max = 1",
    );
    // Missing counts as 0 items.
    pass_and_fail("volumes", "count_max = 0", "volumes", "count_min = 1");
}

#[test]
fn contains_match_passes_when_some_item_matches() {
    pass_and_fail(
        "requiresCompatibilities",
        "contains_match = '^FARGATE$'",
        "requiresCompatibilities",
        "contains_match = '^EC2$'",
    );
}

#[test]
fn a_wildcard_needs_every_value_unless_for_any() {
    let all = path_check("containerDefinitions[*].essential", "equals = true");
    assert!(!passes(&exercise("ecs-task-definition", &all), TASK));
    let any = path_check(
        "containerDefinitions[*].essential",
        "equals = true\nfor = \"any\"",
    );
    assert!(passes(&exercise("ecs-task-definition", &any), TASK));
    let names = path_check("containerDefinitions[*].name", "matches = '^[a-z-]+$'");
    assert!(passes(&exercise("ecs-task-definition", &names), TASK));
}

#[test]
fn a_failed_check_points_at_the_offending_line() {
    let ex = exercise(
        "ecs-task-definition",
        &path_check("containerDefinitions[*].essential", "equals = true"),
    );
    let run = check(&ex, TASK, Lang::En);
    assert_eq!(run.checks[0].line, Some(10));
    let ex = exercise(
        "ecs-task-definition",
        &path_check("containerDefinitions[0].healthCheck", "exists = true"),
    );
    let run = check(&ex, TASK, Lang::En);
    assert_eq!(run.checks[0].line, Some(8), "the container that lacks it");
}

#[test]
fn scalars_compare_by_value_not_spelling() {
    let doc = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\nenv:\n  variables:\n    PORT: \"8080\"\n    DEBUG: false\n    RATIO: 1.0\n";
    let cases = [
        ("version", "equals = \"0.2\"", true),
        ("version", "equals = 0.2", true),
        ("version", "equals = \"0.20\"", true),
        ("version", "equals = \"v0.2\"", false),
        ("env.variables.PORT", "equals = 8080", true),
        ("env.variables.PORT", "equals = \"8080\"", true),
        ("env.variables.PORT", "equals = \"08080\"", false),
        ("env.variables.DEBUG", "equals = false", true),
        ("env.variables.DEBUG", "equals = \"false\"", true),
        ("env.variables.DEBUG", "equals = \"no\"", false),
        ("env.variables.RATIO", "equals = 1", true),
        ("env.variables.RATIO", "equals = \"1.0\"", true),
        ("phases.build.commands", "equals = [\"make\"]", true),
        (
            "phases.build.commands",
            "equals = [\"make\", \"test\"]",
            false,
        ),
        ("phases.build", "equals = { commands = [\"make\"] }", true),
    ];
    for (path, assertion, expected) in cases {
        let ex = exercise("buildspec", &path_check(path, assertion));
        assert_eq!(passes(&ex, doc), expected, "{path} {assertion}");
    }
}

#[test]
fn instruction_checks_read_the_final_stage_unless_scope_all() {
    let dockerfile = "\
# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
USER builder
RUN go build \\
    -o /out/app \\
    ./cmd/app
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT [\"/app\"]
";
    let check = |keyword: &str, extra: &str| {
        format!(
            "[[checks]]\nid = \"c\"\ninstruction = \"{keyword}\"\n{extra}\nmessage = \"m\"\nhint = \"h\"\n"
        )
    };
    let cases = [
        ("USER", "exists = true", false),
        ("USER", "exists = true\nscope = \"all\"", true),
        ("ADD", "absent = true", true),
        ("FROM", "matches = 'distroless'", true),
        ("FROM", "matches = '^golang'", false),
        (
            "FROM",
            "matches = '^golang'\nscope = \"all\"\nfor = \"any\"",
            true,
        ),
        (
            "RUN",
            "matches = 'go build -o /out/app ./cmd/app'\nscope = \"all\"",
            true,
        ),
        ("COPY", "count_min = 1", true),
        ("COPY", "count_max = 0", false),
    ];
    for (keyword, extra, expected) in cases {
        let ex = exercise("dockerfile", &check(keyword, extra));
        assert_eq!(passes(&ex, dockerfile), expected, "{keyword} {extra}");
    }
}

#[test]
fn a_heredoc_body_is_not_read_as_instructions() {
    let dockerfile = "FROM alpine:3.20\nRUN <<EOF\nUSER root\nADD x y\nEOF\nUSER app\n";
    let ex = exercise(
        "dockerfile",
        "[[checks]]\nid = \"c\"\ninstruction = \"USER\"\nmatches = '^app$'\nmessage = \"m\"\nhint = \"h\"\n",
    );
    assert!(passes(&ex, dockerfile));
}

#[test]
fn a_rule_check_passes_without_that_finding_and_points_at_it_otherwise() {
    let ex = exercise(
        "buildspec",
        "[[checks]]\nid = \"c\"\nrule = \"buildspec/version\"\nmessage = \"m\"\nhint = \"h\"\n\n[[checks]]\nid = \"e\"\nrule = \"*errors\"\nmessage = \"m\"\nhint = \"h\"\n",
    );
    let good = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";
    let run = check(&ex, good, Lang::En);
    assert_eq!(run.status, Status::Pass);
    let old = "# old\nversion: 0.1\nphases:\n  build:\n    commands:\n      - make\n";
    let run = check(&ex, old, Lang::En);
    assert_eq!(run.status, Status::Fail);
    assert_eq!(run.checks[0].line, Some(2));
    assert!(run.checks[1].passed, "a warning is not an error");
    assert_eq!(run.score, 0.5);
    assert_eq!(run.points_earned, 5);
}
