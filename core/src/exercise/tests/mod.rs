//! Tests of the exercise module, with the fixture exercises under `core/fixtures/exercise/`.

mod alarm;
mod alarm_loading;
mod assertions;
mod content;
mod data;
mod data_loading;
mod fixtures;
mod hostile;
mod loading;
mod paths;
mod public;

use super::spec::{self, SpecChecker};
use super::*;
use std::path::{Path, PathBuf};

/// The fixture module, laid out like `content/<NN-module>/`.
fn fixture_module() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exercise/05-cicd")
}

/// The fixture exercise in folder `name`.
fn fixture(name: &str) -> Exercise {
    let dir = fixture_module().join("exercises").join(name);
    load(&dir, "05-cicd").unwrap_or_else(|errors| {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{name} does not load:\n{}", text.join("\n"))
    })
}

/// The fixture module of data-kind exercises.
fn data_module() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exercise/07-data")
}

/// The data-kind fixture exercise in folder `name`.
fn data_fixture(name: &str) -> Exercise {
    let dir = data_module().join("exercises").join(name);
    load(&dir, "07-data").unwrap_or_else(|errors| {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{name} does not load:\n{}", text.join("\n"))
    })
}

/// The fixture module of alarm exercises with a metric series.
fn alarm_module() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exercise/08-alarm")
}

/// A lint-kind exercise of `kind` with the given `[[checks]]` TOML, read from memory.
#[track_caller]
fn exercise(kind: &str, checks: &str) -> Exercise {
    let src = format!("id = \"t\"\nkind = \"{kind}\"\n{checks}");
    let spec = spec::parse(&src, Path::new("exercise.toml")).unwrap_or_else(|errors| {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the test exercise does not parse:\n{}", text.join("\n"))
    });
    Exercise {
        id: spec.id,
        module: "m".into(),
        checker: match spec.checker {
            SpecChecker::Lint(kind) => Checker::Lint(kind),
            SpecChecker::Data(_) => panic!("a data kind reads its files: use `data_fixture`"),
            SpecChecker::Alarm(_) => panic!("an alarm series is a file: use `alarm_exercise`"),
        },
        points: spec.points,
        instructions_en: Instructions {
            title: "T".into(),
            markdown: "Do it.".into(),
        },
        instructions_vi: None,
        starter: String::new(),
        solution: String::new(),
        checks: spec.checks,
        wrong: Vec::new(),
        policy: spec.policy,
    }
}

/// The errors `exercise.toml` text gives, as `line: message`.
fn spec_errors(src: &str) -> Vec<String> {
    match spec::parse(src, Path::new("exercise.toml")) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.line, e.message))
            .collect(),
    }
}

/// One check on `path` with the assertion written as `assertion` (TOML).
fn path_check(path: &str, assertion: &str) -> String {
    format!("[[checks]]\nid = \"c\"\npath = '{path}'\n{assertion}\nmessage = \"m\"\nhint = \"h\"\n")
}

/// Whether the single check of `ex` passes on `src`.
#[track_caller]
fn passes(ex: &Exercise, src: &str) -> bool {
    let run = check(ex, src, Lang::En);
    assert!(run.error.is_none(), "{:?}", run.error);
    run.checks[0].passed
}

/// A folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        // Tests run in parallel, and two of them may copy the same fixture.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "lab-core-exercise-{name}-{}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
        self
    }

    /// A minimal valid exercise: a buildspec that must run the tests.
    fn minimal(name: &str) -> Self {
        let dir = TempDir::new(name);
        dir.write(
            "exercise.toml",
            "id = \"tests\"\nkind = \"buildspec\"\n\n[[checks]]\nid = \"runs-tests\"\npath = \"phases.build.commands\"\ncontains_match = \"test\"\nmessage = \"Run the tests.\"\nhint = \"Add npm test.\"\n",
        )
        .write("instructions.md", "---\ntitle: Tests\n---\nRun them.\n")
        .write(
            "starter.yml",
            "version: 0.2\nphases:\n  build:\n    commands:\n      - npm run build\n",
        )
        .write(
            "solution.yml",
            "version: 0.2\nphases:\n  build:\n    commands:\n      - npm test\n",
        );
        dir
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
