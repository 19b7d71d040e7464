use super::*;
use crate::lint::Kind;

const FIXTURES: [&str; 6] = [
    "01-node-tests-cache",
    "02-ecs-blue-green",
    "03-secure-artifact-bucket",
    "04-fargate-task",
    "05-harden-node-image",
    "06-target-5xx-alarm",
];

#[test]
fn every_fixture_exercise_loads_and_verifies_without_problems() {
    for name in FIXTURES {
        let ex = fixture(name);
        assert_eq!(verify(&ex), Vec::<Problem>::new(), "{name}");
        assert!((2..=4).contains(&ex.checks.len()), "{name}");
        assert!((1..=2).contains(&ex.wrong.len()), "{name}");
        assert!(ex.instructions_vi.is_some(), "{name} has no Vietnamese");
    }
}

#[test]
fn the_fixture_module_has_one_exercise_per_lint_kind() {
    let (exercises, errors) = load_all(&fixture_module(), "05-cicd");
    assert!(errors.is_empty(), "{errors:?}");
    let kinds: Vec<&str> = exercises.iter().map(|e| e.checker.name()).collect();
    let mut expected: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    let mut sorted = kinds.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    assert!(exercises.iter().all(|e| e.module == "05-cicd"));
}

#[test]
fn every_fixture_mixes_rule_and_declarative_checks() {
    let mut rules = 0;
    let mut declarative = 0;
    for name in FIXTURES {
        for c in fixture(name).checks {
            match c.test {
                Test::Rule(_) => rules += 1,
                Test::Path { .. } | Test::Instruction { .. } => declarative += 1,
                Test::Data { .. } | Test::Alarm { .. } => {
                    panic!("a data or alarm check in a 05-cicd fixture")
                }
            }
        }
    }
    assert!(
        rules >= 6 && declarative >= 6,
        "{rules} rule, {declarative} declarative"
    );
}

#[test]
fn a_starter_fails_with_messages_hints_and_lines_and_a_partial_score() {
    let ex = fixture("05-harden-node-image");
    let run = check(&ex, &ex.starter, Lang::En);
    assert_eq!(run.status, Status::Fail);
    assert_eq!(run.score, 0.0);
    assert_eq!(run.points_earned, 0);
    let add = run.checks.iter().find(|c| c.id == "copy-not-add").unwrap();
    assert!(!add.passed);
    assert_eq!(add.line, Some(4));
    assert_eq!(add.message, "Local files must be copied with COPY.");
    assert!(add.hint.as_deref().unwrap_or("").contains("COPY"));
    let from = run
        .checks
        .iter()
        .find(|c| c.id == "pinned-base-image")
        .unwrap();
    assert_eq!(from.line, Some(1));

    let ex = fixture("01-node-tests-cache");
    let run = check(&ex, &ex.starter, Lang::En);
    assert_eq!(run.status, Status::Fail);
    assert_eq!(run.score, 0.25, "{run:?}");
    assert_eq!(run.points_earned, 2);
}

#[test]
fn the_solution_passes_with_full_points_and_short_ok_messages() {
    let ex = fixture("04-fargate-task");
    let run = check(&ex, &ex.solution, Lang::En);
    assert_eq!(run.status, Status::Pass);
    assert_eq!(run.score, 1.0);
    assert_eq!(run.points_earned, 15);
    for c in &run.checks {
        assert!(c.passed);
        assert_eq!(c.message, "ok");
        assert_eq!(c.hint, None);
        assert_eq!(c.line, None);
    }
    let json = serde_json::to_value(&run).unwrap();
    assert_eq!(json["status"], "pass");
    assert!(json["error"].is_null());
}

#[test]
fn messages_come_back_in_vietnamese_when_asked_and_fall_back_to_english() {
    let ex = fixture("06-target-5xx-alarm");
    let run = check(&ex, &ex.starter, Lang::Vi);
    let period = run.checks.iter().find(|c| c.id == "valid-period").unwrap();
    assert_eq!(
        period.message,
        "Period phải là giá trị CloudWatch chấp nhận."
    );
    assert!(period.hint.as_deref().unwrap_or("").contains("bội số"));

    let untranslated = exercise(
        "buildspec",
        "[[checks]]\nid = \"v\"\nrule = \"buildspec/version\"\nmessage = \"Use version 0.2.\"\nhint = \"Write it.\"\nhint_vi = \"Viết nó.\"\n",
    );
    let run = check(
        &untranslated,
        "version: 0.1\nphases:\n  build:\n    commands:\n      - make\n",
        Lang::Vi,
    );
    assert_eq!(run.checks[0].message, "Use version 0.2.");
    assert_eq!(run.checks[0].hint.as_deref(), Some("Viết nó."));
    let run = check(
        &untranslated,
        "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n",
        Lang::Vi,
    );
    assert_eq!(run.checks[0].message, "đạt");
}

#[test]
fn the_public_view_has_no_solution_and_falls_back_to_english_instructions() {
    let mut ex = fixture("03-secure-artifact-bucket");
    let vi = public_view(&ex, Lang::Vi);
    assert_eq!(vi.title, "Bucket đạt chuẩn best practice");
    assert!(!vi.fallback);
    assert_eq!(vi.kind, "cloudformation");
    assert_eq!(vi.checks, 4);
    assert_eq!(vi.points, 15);
    assert_eq!(vi.solution_after_failed, Some(5));
    let json = serde_json::to_string(&vi).unwrap();
    assert!(!json.contains("PublicAccessBlockConfiguration"), "{json}");
    assert!(!json.contains("RetainExceptOnCreate"), "{json}");

    ex.instructions_vi = None;
    let fallback = public_view(&ex, Lang::Vi);
    assert_eq!(fallback.title, "A bucket that passes the best practices");
    assert!(fallback.fallback);
}

#[test]
fn the_solution_is_available_by_policy() {
    let never = SolutionPolicy::default();
    let always = SolutionPolicy {
        after_failed: Some(0),
    };
    let after_three = SolutionPolicy {
        after_failed: Some(3),
    };
    assert!(!solution_available(&never, 100));
    assert!(solution_available(&always, 0));
    assert!(!solution_available(&after_three, 2));
    assert!(solution_available(&after_three, 3));
    assert_eq!(fixture("05-harden-node-image").policy, always);
}

#[test]
fn verify_names_a_wrong_answer_that_fails_more_or_fewer_checks_than_it_lists() {
    let mut ex = fixture("02-ecs-blue-green");
    ex.wrong[0].fails = vec!["smoke-test-hook".into(), "nope".into()];
    ex.starter = ex.solution.clone();
    let text = problem_text(&ex);
    assert!(text.contains("also fails `container-port`"), "{text}");
    assert!(text.contains("passes `smoke-test-hook`"), "{text}");
    assert!(text.contains("unknown check `nope`"), "{text}");
    assert!(
        text.contains("warning: the starter already passes"),
        "{text}"
    );

    let mut ex = fixture("02-ecs-blue-green");
    ex.solution = ex.starter.clone();
    let text = problem_text(&ex);
    assert!(
        text.contains("the solution fails check `container-port`"),
        "{text}"
    );
}

#[test]
fn the_known_rule_list_matches_the_rules_the_linters_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint");
    let mut found = std::collections::BTreeSet::new();
    let mut todo = vec![root];
    let pattern =
        regex::Regex::new(r#""((?:buildspec|appspec|cfn|ecs|dockerfile|alarm)/[a-z0-9-]+)""#)
            .unwrap();
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "tests" {
                    todo.push(path);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" {
                let text = std::fs::read_to_string(&path).unwrap();
                for cap in pattern.captures_iter(&text) {
                    found.insert(cap[1].to_owned());
                }
            }
        }
    }
    let known: std::collections::BTreeSet<String> =
        KNOWN_RULES.iter().map(|r| (*r).to_owned()).collect();
    assert_eq!(known, found);
}

/// What `verify` says of `ex`, one problem per line, warnings marked.
fn problem_text(ex: &Exercise) -> String {
    verify(ex)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
