//! `devops-lab grade EXERCISE_ID FILE [--json]`: checks a file against an exercise of the
//! content folder, as the lab does when a learner submits it.
//!
//! Exit codes: 0 when every check passes, 1 when one fails, 2 when the exercise is not
//! found or the file cannot be read or parsed (usage errors also exit 2, through clap).

use crate::config::GradeArgs;
use lab_core::content::{Content, LoadOptions, load};
use lab_core::exercise::{self, CheckRun, Exercise, Status};
use std::io::{Read, Write};
use std::path::Path;

/// Grades the file, prints the result and returns the exit code.
pub fn run(req: &GradeArgs, out: &mut impl Write) -> std::io::Result<i32> {
    let content = load(&req.content, LoadOptions::default());
    let (module, ex) = match find(&content, &req.exercise) {
        Ok(found) => found,
        Err(message) => return usage(&message, req.json, out),
    };
    let shown = req.file.display().to_string();
    let src = match read_limited(&req.file) {
        Ok(src) => src,
        Err(message) => return usage(&format!("{shown}: {message}"), req.json, out),
    };
    let run = exercise::check(ex, &src, req.lang);
    if req.json {
        let v = serde_json::json!({
            "exercise": ex.id,
            "module": module,
            "kind": ex.checker.name(),
            "file": shown,
            "points": ex.points,
            "result": run,
        });
        writeln!(out, "{v:#}")?;
    } else {
        print_text(&shown, ex, &run, out)?;
    }
    Ok(match run.status {
        Status::Pass => 0,
        Status::Fail => 1,
        Status::Error => 2,
    })
}

/// The exercise named `wanted` (`id` or `module/id`).
fn find<'c>(content: &'c Content, wanted: &str) -> Result<(&'c str, &'c Exercise), String> {
    let (module, id) = match wanted.split_once('/') {
        Some((m, id)) => (Some(m), id),
        None => (None, wanted),
    };
    let found: Vec<(&str, &Exercise)> = content
        .modules
        .iter()
        .filter(|m| module.is_none_or(|want| m.slug == want))
        .filter_map(|m| m.exercise(id).map(|e| (m.slug.as_str(), e)))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => {
            let all: Vec<String> = content
                .modules
                .iter()
                .flat_map(|m| m.exercises.iter().map(|e| e.id.clone()))
                .collect();
            let listed = if all.is_empty() {
                format!("{} has no exercises that load", content.root.display())
            } else {
                format!("the exercises are: {}", all.join(", "))
            };
            Err(format!("no exercise `{wanted}`; {listed}"))
        }
        many => {
            let modules: Vec<&str> = many.iter().map(|(m, _)| *m).collect();
            Err(format!(
                "`{id}` is in several modules ({}); name it as MODULE/{id}",
                modules.join(", ")
            ))
        }
    }
}

/// Reads at most a little over the exercise file limit (the linters' too), so a huge
/// file is refused without being read whole; the checker gives the size error itself.
pub(crate) fn read_limited(file: &Path) -> Result<String, String> {
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    f.take(exercise::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_owned())
}

fn print_text(
    shown: &str,
    ex: &Exercise,
    run: &CheckRun,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if let Some(e) = &run.error {
        writeln!(out, "{shown}:{}:{}: error: {}", e.line, e.col, e.message)?;
        return Ok(());
    }
    for c in &run.checks {
        if c.passed {
            writeln!(out, "pass  {}", c.id)?;
            continue;
        }
        let at = c.line.map(|l| format!("{shown}:{l}: ")).unwrap_or_default();
        writeln!(out, "FAIL  {}: {at}{}", c.id, c.message)?;
        if let Some(hint) = &c.hint {
            writeln!(out, "      hint: {hint}")?;
        }
    }
    let passed = run.checks.iter().filter(|c| c.passed).count();
    writeln!(
        out,
        "{passed}/{} checks passed, {}/{} points",
        run.checks.len(),
        run.points_earned,
        ex.points
    )
}

fn usage(message: &str, json: bool, out: &mut impl Write) -> std::io::Result<i32> {
    if json {
        writeln!(out, "{:#}", serde_json::json!({ "error": message }))?;
    } else {
        writeln!(out, "error: {message}")?;
    }
    Ok(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn content() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/hands-on")
    }

    fn exercise_file(name: &str) -> PathBuf {
        content()
            .join("01-pipelines/exercises/01-node-tests-cache")
            .join(name)
    }

    fn grade(exercise: &str, file: &Path, json: bool) -> (i32, String) {
        let mut out = Vec::new();
        let req = GradeArgs {
            exercise: exercise.to_owned(),
            file: file.to_path_buf(),
            content: content(),
            lang: lab_core::Lang::En,
            json,
        };
        let code = run(&req, &mut out).unwrap();
        (code, String::from_utf8(out).unwrap())
    }

    #[test]
    fn the_solution_passes_with_exit_0() {
        let (code, text) = grade("node-tests-cache", &exercise_file("solution.yml"), false);
        assert_eq!(code, 0, "{text}");
        assert!(text.contains("4/4 checks passed, 10/10 points"), "{text}");
    }

    #[test]
    fn a_wrong_answer_fails_with_exit_1_naming_the_check_line_and_hint() {
        let (code, text) = grade(
            "pipelines/node-tests-cache",
            &exercise_file("wrong/no-cache.yml"),
            false,
        );
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("FAIL  caches-node-modules:"), "{text}");
        assert!(text.contains("hint: Add a top-level `cache`"), "{text}");
        assert!(text.contains("pass  runs-tests"), "{text}");
    }

    #[test]
    fn json_carries_the_status_and_every_check() {
        let (code, text) = grade("node-tests-cache", &exercise_file("starter.yml"), true);
        assert_eq!(code, 1);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["result"]["status"], "fail");
        assert_eq!(v["result"]["checks"].as_array().unwrap().len(), 4);
        assert_eq!(v["kind"], "buildspec");
    }

    #[test]
    fn unknown_exercises_unreadable_and_unparsable_files_exit_2() {
        let (code, text) = grade("node-test-cache", &exercise_file("solution.yml"), false);
        assert_eq!(code, 2);
        assert!(
            text.contains("no exercise `node-test-cache`; the exercises are: node-tests-cache")
        );
        let (code, text) = grade("node-tests-cache", Path::new("/no/such/file.yml"), false);
        assert_eq!(code, 2);
        assert!(text.contains("cannot read the file"), "{text}");
        let dir = std::env::temp_dir().join(format!("devops-lab-grade-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let broken = dir.join("broken.yml");
        std::fs::write(&broken, "version: 0.2\nphases: [\n").unwrap();
        let (code, text) = grade("node-tests-cache", &broken, false);
        assert_eq!(code, 2, "{text}");
        assert!(text.contains("broken.yml:"), "{text}");
        std::fs::write(&broken, b"\xff\xfe\x00binary").unwrap();
        let (code, text) = grade("node-tests-cache", &broken, true);
        assert_eq!(code, 2);
        assert!(text.contains("not UTF-8"), "{text}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
