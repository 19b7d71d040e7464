//! Realistic Dockerfiles in the styles of AWS samples and official images must not get
//! a single error.

use super::*;
use std::path::Path;

#[test]
fn every_valid_fixture_has_no_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint/dockerfile/valid");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in &paths {
        let src = std::fs::read_to_string(path).unwrap();
        let errors = errors(&src);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    assert!(paths.len() >= 8, "only {} fixtures", paths.len());
}

#[test]
fn the_clean_fixtures_have_no_findings_at_all() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint/dockerfile/valid");
    for name in [
        "node-multi-stage.Dockerfile",
        "go-distroless.Dockerfile",
        "java-maven-jre.Dockerfile",
        "heredoc-run.Dockerfile",
    ] {
        let src = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(findings(&src), vec![], "{name}");
    }
}
