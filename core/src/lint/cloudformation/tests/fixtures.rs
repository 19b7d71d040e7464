//! Realistic templates in the styles of AWS's samples must not get a single error.

use super::*;
use std::path::Path;
use std::time::{Duration, Instant};

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint/cloudformation")
}

#[test]
fn every_valid_fixture_has_no_errors() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(fixture_dir().join("valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let src = std::fs::read_to_string(&path).unwrap();
        let errors = errors(&src);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} fixtures");
}

#[test]
fn the_fixtures_cover_yaml_short_forms_long_forms_and_json() {
    let dir = fixture_dir().join("valid");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert!(read("vpc-public-private.yaml").contains("!GetAZs"));
    assert!(read("ec2-long-form.yaml").contains("Fn::FindInMap"));
    assert!(read("lambda-dynamodb.json").trim_start().starts_with('{'));
}

#[test]
fn the_sam_fixture_only_warns_about_implicit_resources() {
    let src = std::fs::read_to_string(fixture_dir().join("valid/serverless-api.yaml")).unwrap();
    let found = findings(&src);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn the_benchmark_template_has_no_errors_and_lints_in_milliseconds() {
    let src = std::fs::read_to_string(fixture_dir().join("bench-300-lines.yaml")).unwrap();
    assert!(src.lines().count() >= 300);
    assert_eq!(errors(&src), vec![]);
    // Debug builds are slow; this bound catches accidental quadratic work, and the
    // release-mode benchmark holds the < 5 ms target.
    let started = Instant::now();
    for _ in 0..10 {
        findings(&src);
    }
    assert!(
        started.elapsed() < Duration::from_millis(1_000),
        "{:?}",
        started.elapsed()
    );
}
