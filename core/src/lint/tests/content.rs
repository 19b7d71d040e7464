//! Every configuration example in the shipped lessons passes the lab's own checkers: the
//! workshop must not teach what its exercises would mark wrong.
//!
//! Whole documents are recognised by what they hold (an AppSpec file's `TargetService`
//! or `version: 0.0` hooks, a template's `AWSTemplateFormatVersion` or typed
//! `Resources`, a buildspec's `phases`, a task definition's `containerDefinitions`, any
//! `dockerfile` block); fragments that are none of these are not linted.

use super::{Kind, Severity, lint};
use std::path::Path;

/// The kind of a fenced block, when it is a whole document of one.
fn kind_of(lang: &str, body: &str) -> Option<Kind> {
    let line_starts = |s: &str| body.lines().any(|l| l.starts_with(s));
    match lang {
        "dockerfile" => Some(Kind::Dockerfile),
        "yaml" | "yml" | "json" => {
            if body.contains("TargetService")
                || (line_starts("version: 0.0") && line_starts("hooks:"))
            {
                Some(Kind::Appspec)
            } else if body.contains("AWSTemplateFormatVersion")
                || (line_starts("Resources:") && body.contains("Type: AWS::"))
            {
                Some(Kind::Cloudformation)
            } else if line_starts("phases:") && line_starts("version:") {
                Some(Kind::Buildspec)
            } else if body.contains("\"containerDefinitions\"") {
                Some(Kind::EcsTaskDefinition)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `(line of the fence, language, body)` of every ``` block of a markdown file.
fn fenced_blocks(path: &Path) -> Vec<(usize, String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let lang = info.split_whitespace().next().unwrap_or("").to_lowercase();
                    open = Some((i + 1, lang, String::new()));
                }
            }
            Some((_, _, body)) => {
                if trimmed.trim_end() == "```" {
                    out.extend(open.take());
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn every_configuration_example_in_the_lessons_passes_its_checker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut checked = 0;
    let mut problems = Vec::new();
    for module in std::fs::read_dir(&root).unwrap() {
        let module = module.unwrap().path();
        if !module.is_dir() {
            continue;
        }
        for page in std::fs::read_dir(&module).unwrap() {
            let page = page.unwrap().path();
            if page.extension().is_none_or(|e| e != "md") {
                continue;
            }
            for (line, lang, body) in fenced_blocks(&page) {
                let Some(kind) = kind_of(&lang, &body) else {
                    continue;
                };
                checked += 1;
                match lint(kind, &body) {
                    Err(e) => problems.push(format!(
                        "{}:{line}: {kind} does not parse: {e}",
                        page.display()
                    )),
                    Ok(findings) => problems.extend(
                        findings
                            .iter()
                            .filter(|f| f.severity == Severity::Error)
                            .map(|f| {
                                format!(
                                    "{}:{}: {kind}: [{}] {}",
                                    page.display(),
                                    line + f.line,
                                    f.rule,
                                    f.message
                                )
                            }),
                    ),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The lessons show buildspecs, AppSpec files, templates, task definitions and
    // Dockerfiles in both languages; far fewer means the blocks were not recognised.
    assert!(checked >= 20, "only {checked} configuration examples found");
}

#[test]
fn fragments_are_not_taken_for_documents() {
    assert_eq!(kind_of("yaml", "phases:\n  build:\n"), None);
    assert_eq!(kind_of("bash", "docker build ."), None);
    assert_eq!(
        kind_of("yaml", "version: 0.0\nResources:\n  - TargetService:\n"),
        Some(Kind::Appspec)
    );
}
