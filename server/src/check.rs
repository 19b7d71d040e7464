//! `devops-lab check [DIR] [--json]`.

use lab_core::content::{LoadOptions, load};
use std::io::Write;
use std::path::Path;

/// Checks a content folder, prints the findings (or a JSON summary) and returns the
/// process exit code: 1 when there are errors, 0 otherwise.
pub fn run(dir: &Path, json: bool, out: &mut impl Write) -> std::io::Result<i32> {
    let content = load(dir, LoadOptions::default());
    if json {
        let summary =
            serde_json::to_string_pretty(&content.summary()).map_err(std::io::Error::other)?;
        writeln!(out, "{summary}")?;
    } else {
        let mut findings = content.findings.clone();
        findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        for f in &findings {
            writeln!(out, "{f}")?;
        }
        let s = content.summary();
        writeln!(
            out,
            "{} modules, {} pages, {} questions, {} exercises, {} errors, {} warnings",
            s.modules, s.pages, s.questions, s.exercises, s.errors, s.warnings
        )?;
    }
    Ok(if content.summary().errors > 0 { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/basic")
    }

    #[test]
    fn findings_print_as_file_line_severity_message_and_errors_exit_1() {
        let mut out = Vec::new();
        let code = run(&fixture(), false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(code, 1);
        assert!(
            text.lines()
                .any(|l| l.ends_with("05-unknown.md:9: error: broken link to \"no-such-page.md\"")),
            "{text}"
        );
        assert!(text.contains("02-dora.md:4: warning:"));
    }

    #[test]
    fn json_prints_one_summary_object() {
        let mut out = Vec::new();
        run(&fixture(), true, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        for key in [
            "modules",
            "pages",
            "languages",
            "missing_translations",
            "errors",
            "warnings",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["modules"], 2);
        assert_eq!(v["languages"], serde_json::json!(["en", "vi"]));
    }

    #[test]
    fn json_counts_quizzes_questions_and_their_types() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/quiz");
        let mut out = Vec::new();
        let code = run(&dir, true, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["quizzes"], 1, "the broken quiz does not count");
        assert_eq!(v["questions"], 4);
        assert_eq!(
            v["question_types"],
            serde_json::json!(["numeric", "order", "single", "text"])
        );
        assert_eq!(code, 1, "the broken quiz is an error");
    }

    #[test]
    fn json_counts_exercises_and_their_kinds() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/hands-on");
        let mut out = Vec::new();
        let code = run(&dir, true, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(code, 0, "{v}");
        assert_eq!(v["exercises"], 2);
        assert_eq!(
            v["exercise_kinds"],
            serde_json::json!(["buildspec", "dockerfile"])
        );
    }

    #[test]
    fn a_broken_quiz_is_reported_with_file_and_line() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/quiz");
        let mut out = Vec::new();
        run(&dir, false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        // The block starts at line 7 of the file; `correct = true` twice is on lines 16-19.
        assert!(
            text.lines().any(|l| l.contains("02-broken.md:")
                && l.contains(": error: quiz:")
                && !l.contains("02-broken.md:1:")),
            "{text}"
        );
    }

    #[test]
    fn the_shipped_content_has_no_errors() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let mut out = Vec::new();
        let code = run(&dir, false, &mut out).unwrap();
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out));
    }
}
