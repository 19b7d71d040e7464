//! The quizzes shipped in `content/`: they parse, their translations grade alike, and
//! their public views give nothing away.

use super::*;
use std::path::{Path, PathBuf};

/// A ```` ```quiz ```` block: the file, the line of its first TOML line, and the TOML.
struct Block {
    file: PathBuf,
    line: usize,
    toml: String,
}

/// The quiz blocks of a markdown file. A block ends at a line that is exactly ```` ``` ````,
/// so `~~~` fences inside TOML strings stay inside.
fn blocks_in(file: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut blocks = Vec::new();
    let mut open: Option<(usize, Vec<&str>)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut open {
            None if line.trim_end() == "```quiz" => open = Some((i + 2, Vec::new())),
            None => {}
            Some((start, lines)) if line.trim_end() == "```" => {
                blocks.push(Block {
                    file: file.to_owned(),
                    line: *start,
                    toml: lines.join("\n"),
                });
                open = None;
            }
            Some((_, lines)) => lines.push(line),
        }
    }
    assert!(open.is_none(), "{}: unclosed quiz block", file.display());
    blocks
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Every quiz block under `content/`, by file.
fn shipped() -> Vec<(PathBuf, Vec<Block>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let blocks = blocks_in(&f);
            (f, blocks)
        })
        .filter(|(_, b)| !b.is_empty())
        .collect()
}

fn parse_block(block: &Block) -> Quiz {
    parse(&block.toml).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors
            .iter()
            .map(|e| {
                let line = block.line + e.line - 1;
                format!("{}:{line}: {}", block.file.display(), e.message)
            })
            .collect();
        panic!("{}", shown.join("\n"))
    })
}

#[test]
fn the_fence_scan_keeps_tilde_fences_inside_the_toml() {
    let dir = std::env::temp_dir().join(format!("lab-quiz-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("page.md");
    let page = "Intro\n\n```quiz\nid = \"x\"\nprompt = \"\"\"\n~~~json\n{}\n~~~\n```not-the-end\n\"\"\"\n```\n\nAfter\n";
    std::fs::write(&file, page).unwrap();
    let blocks = blocks_in(&file);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].line, 4);
    assert!(blocks[0].toml.ends_with("```not-the-end\n\"\"\""));
}

#[test]
fn every_shipped_quiz_parses() {
    let shipped = shipped();
    assert!(
        shipped.len() >= 12,
        "found only {} pages with quizzes",
        shipped.len()
    );
    let mut failures = Vec::new();
    for block in shipped.iter().flat_map(|(_, b)| b) {
        if let Err(errors) = parse(&block.toml) {
            for e in errors {
                let line = block.line + e.line - 1;
                failures.push(format!("{}:{line}: {}", block.file.display(), e.message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_translated_quiz_grades_like_the_english_one() {
    let shipped = shipped();
    let mut problems = Vec::new();
    let mut pairs = 0;
    for (file, en_blocks) in &shipped {
        let name = file.to_string_lossy();
        if name.ends_with(".vi.md") {
            continue;
        }
        let vi_file = PathBuf::from(name.replace(".md", ".vi.md"));
        let Some((_, vi_blocks)) = shipped.iter().find(|(f, _)| *f == vi_file) else {
            problems.push(format!("{}: no Vietnamese quiz", file.display()));
            continue;
        };
        if en_blocks.len() != vi_blocks.len() {
            problems.push(format!("{}: quiz count differs", file.display()));
        }
        for (en, vi) in en_blocks.iter().zip(vi_blocks) {
            pairs += 1;
            for p in compare_translations(&parse_block(en), &parse_block(vi)) {
                problems.push(format!("{}: {p}", vi.file.display()));
            }
        }
    }
    assert!(pairs >= 6, "compared only {pairs} quizzes");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The strings of a question the browser must not get before answering.
fn secrets(q: &Question) -> Vec<String> {
    let mut out = vec![q.explanation.clone()];
    match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            out.extend(options.iter().filter_map(|o| o.feedback.clone()));
        }
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => out.extend(
            [feedback_true, feedback_false]
                .into_iter()
                .flatten()
                .cloned(),
        ),
        QuestionKind::Text { accept, regex, .. } => {
            out.extend(accept.iter().cloned());
            out.extend(regex.iter().map(|r| r.as_str().to_owned()));
        }
        QuestionKind::Numeric { .. } | QuestionKind::Order { .. } | QuestionKind::Match { .. } => {}
    }
    out.into_iter().map(|s| s.trim().to_owned()).collect()
}

#[test]
fn no_shipped_public_view_contains_feedback_explanations_or_accepted_answers() {
    let mut checked = 0;
    let mut shown_by_author = Vec::new();
    for block in shipped().iter().flat_map(|(_, b)| b) {
        let quiz = parse_block(block);
        for q in &quiz.questions {
            let view = public_view(q, &q.permutation("some-learner", &quiz.id));
            let json = serde_json::to_string(&view).unwrap();
            for key in [
                "correct",
                "feedback",
                "explanation",
                "accept",
                "answer",
                "regex",
            ] {
                assert!(!json.contains(&format!("\"{key}\"")), "{json}");
            }
            let mut authored = vec![&view.prompt];
            authored.extend(&view.choices);
            authored.extend(&view.lefts);
            for secret in secrets(q) {
                // A secret the author put in the question itself (a text answer to read off
                // a snippet in the prompt, say) is not a leak of the view.
                if authored.iter().any(|a| a.contains(&secret)) {
                    shown_by_author.push(format!("{}: {secret}", q.id));
                    continue;
                }
                let escaped = serde_json::to_string(&secret).unwrap();
                let escaped = &escaped[1..escaped.len() - 1];
                assert!(!json.contains(escaped), "`{}` leaks `{secret}`", q.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "checked only {checked} secrets");
    // Printed with --nocapture, for the record.
    println!("secrets that the questions themselves show: {shown_by_author:?}");
}
