//! How long the checkers take on realistic input: a 300-line CloudFormation template
//! linted and checked as an exercise submission, a multi-stage Dockerfile linted, and a
//! DORA answer checked. The target is a 300-line template checked in under 5 ms.
//!
//! Run with `cargo bench -p lab-core --bench checkers`.

use lab_core::Lang;
use lab_core::exercise::{self, Exercise};
use lab_core::lint::{self, Kind};
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn read(path: &str) -> String {
    let full = fixtures().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn load(module: &str, folder: &str) -> Exercise {
    let dir = fixtures()
        .join("exercise")
        .join(module)
        .join("exercises")
        .join(folder);
    exercise::load(&dir, module).unwrap_or_else(|e| panic!("{folder}: {e:?}"))
}

const TEMPLATE_300: &str = "lint/cloudformation/bench-300-lines.yaml";

#[divan::bench]
fn lint_cloudformation_300_lines(bencher: divan::Bencher) {
    let src = read(TEMPLATE_300);
    bencher.bench(|| lint::lint(Kind::Cloudformation, divan::black_box(&src)));
}

#[divan::bench]
fn check_cloudformation_exercise_300_lines(bencher: divan::Bencher) {
    let ex = load("05-cicd", "03-secure-artifact-bucket");
    let src = read(TEMPLATE_300);
    bencher.bench(|| exercise::check(&ex, divan::black_box(&src), Lang::En));
}

#[divan::bench]
fn check_cloudformation_exercise_solution(bencher: divan::Bencher) {
    let ex = load("05-cicd", "03-secure-artifact-bucket");
    bencher.bench(|| exercise::check(&ex, divan::black_box(&ex.solution), Lang::En));
}

#[divan::bench]
fn lint_dockerfile_multi_stage(bencher: divan::Bencher) {
    let src = read("lint/dockerfile/valid/node-multi-stage.Dockerfile");
    bencher.bench(|| lint::lint(Kind::Dockerfile, divan::black_box(&src)));
}

#[divan::bench]
fn check_dora_answer(bencher: divan::Bencher) {
    let ex = load("07-data", "01-dora-fortnight");
    let wrong = ex.wrong[0].text.clone();
    bencher.bench(|| exercise::check(&ex, divan::black_box(&wrong), Lang::Vi));
}
