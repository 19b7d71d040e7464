//! `devops-lab lint --kind KIND FILE [--json]`: a built-in checker's rules on any file.
//!
//! Exit codes: 0 when no finding is an error (warnings allowed), 1 when one is, 2 when
//! the file cannot be read or parsed (usage errors also exit 2, through clap).

use lab_core::lint::{self, Kind, Severity};
use std::io::Write;
use std::path::Path;

/// Parses `--kind` for clap.
pub fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse::<Kind>().map_err(|_| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown kind `{s}`; use one of: {}", names.join(", "))
    })
}

/// Lints `file` as `kind`, prints the findings and returns the exit code.
pub fn run(kind: Kind, file: &Path, json: bool, out: &mut impl Write) -> std::io::Result<i32> {
    let shown = file.display().to_string();
    let src = match crate::grade_cmd::read_limited(file) {
        Ok(src) => src,
        Err(message) => return failure(&shown, 0, 0, &message, json, out),
    };
    match lint::lint(kind, &src) {
        Err(e) => failure(&shown, e.line, e.col, &e.message, json, out),
        Ok(findings) => {
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            if json {
                let v = serde_json::json!({
                    "file": shown,
                    "kind": kind.name(),
                    "errors": errors,
                    "warnings": findings.len() - errors,
                    "findings": findings,
                });
                writeln!(out, "{v:#}")?;
            } else {
                for f in &findings {
                    writeln!(out, "{shown}:{f}")?;
                }
                writeln!(
                    out,
                    "{} errors, {} warnings",
                    errors,
                    findings.len() - errors
                )?;
            }
            Ok(if errors > 0 { 1 } else { 0 })
        }
    }
}

fn failure(
    file: &str,
    line: usize,
    col: usize,
    message: &str,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    if json {
        let v = serde_json::json!({ "file": file, "error": { "line": line, "col": col, "message": message } });
        writeln!(out, "{v:#}")?;
    } else {
        writeln!(
            out,
            "{file}:{}:{}: error: {message}",
            line.max(1),
            col.max(1)
        )?;
    }
    Ok(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_text(kind: &str, text: &[u8], json: bool) -> (i32, String) {
        let dir =
            std::env::temp_dir().join(format!("lab-lint-cmd-{}-{kind}-{json}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("input");
        std::fs::write(&file, text).unwrap();
        let mut out = Vec::new();
        let code = run(parse_kind(kind).unwrap(), &file, json, &mut out).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        (code, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_clean_file_exits_0_and_an_error_exits_1_with_rule_and_line() {
        let good = b"version: 0.2\nphases:\n  build:\n    commands:\n      - npm test\n";
        assert_eq!(lint_text("buildspec", good, false).0, 0);
        let bad = b"FROM node:latest\nCOPY . .\nCMD node server.js\n";
        let (code, text) = lint_text("dockerfile", bad, false);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains(":1:"), "{text}");
        assert!(text.contains("[dockerfile/pinned-base-image]"), "{text}");
    }

    #[test]
    fn an_unparsable_file_exits_2() {
        let (code, text) = lint_text("cloudformation", b"Resources: [unclosed\n", false);
        assert_eq!(code, 2, "{text}");
        assert!(text.contains(": error: "));
        assert_eq!(lint_text("buildspec", &[0xff, 0xfe, 0x00], false).0, 2);
    }

    #[test]
    fn json_lists_findings_with_rule_severity_and_line() {
        let (code, text) = lint_text("dockerfile", b"FROM node:latest\nCMD [\"node\"]\n", true);
        assert_eq!(code, 1);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let first = &v["findings"][0];
        assert!(first["rule"].as_str().unwrap().starts_with("dockerfile/"));
        assert!(first["severity"].is_string());
        assert!(first["line"].is_number());
    }

    #[test]
    fn an_unknown_kind_is_a_usage_error() {
        assert!(parse_kind("helm").unwrap_err().contains("buildspec"));
    }
}
