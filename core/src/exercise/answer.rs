//! A learner's answer to a data-kind exercise: a small YAML (or JSON) document of a few
//! keys, read with the linters' text limits and the bounded loader of [`crate::doc`],
//! then graded by the data module's checkers.
//!
//! Each check reads the data module's verdict on one part of the answer (its `key`). A
//! failed verdict's own message (a unit mix-up, "waits on something it calls") is
//! specific and never states the expected value, so it goes to the learner as the
//! check's detail, in their language.

use super::answer_vi;
use super::run::{Outcome, RunError};
use super::{Check, DataKind, DataSet, Test};
use crate::data::{self, AnswerCheck};
use crate::doc::{self, Node, Pos, Value};
use crate::lang::Lang;
use crate::names::suggestion;

/// Largest answer document, in bytes: a few numbers or names need far less.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// The loader's caps for an answer: flat documents, so little depth and few values.
const LIMITS: doc::Limits = doc::Limits {
    max_bytes: MAX_ANSWER_BYTES,
    max_depth: 8,
    max_nodes: 1_000,
};

/// The data module's verdict on one part of the answer, placed in the submission.
struct Verdict {
    key: &'static str,
    passed: bool,
    line: Option<usize>,
    detail: Option<String>,
}

/// Reads the answer `src` and grades it against `data`: one outcome per check, or a
/// [`RunError`] when the answer cannot be read at all.
pub(super) fn data_outcomes(
    data: &DataSet,
    checks: &[Check],
    src: &str,
    lang: Lang,
) -> Result<Vec<Outcome>, RunError> {
    let kind = data.kind();
    let root = read(kind, src, lang)?;
    let verdicts = match data {
        DataSet::Dora {
            metrics, tolerance, ..
        } => {
            let answers = data::check_dora_answer(metrics, src, *tolerance)
                .map_err(|e| RunError::whole(e.message))?;
            kind.check_keys()
                .iter()
                .map(|key| dora_verdict(key, &answers, &root, lang))
                .collect()
        }
        DataSet::Xray { trace } => {
            let given = root.get("bottleneck");
            let line = given.map(|n| n.pos.line);
            vec![match plain(given) {
                Some(text) => verdict(
                    "bottleneck",
                    &data::check_bottleneck_answer(trace, &text),
                    line,
                    lang,
                ),
                None => not_plain("bottleneck", "bottleneck", line, lang),
            }]
        }
        DataSet::Drift {
            drifted, template, ..
        } => {
            let (id_node, path_node) = (root.get("logical_id"), root.get("property_path"));
            let (id_line, path_line) = (id_node.map(|n| n.pos.line), path_node.map(|n| n.pos.line));
            vec![match (plain(id_node), plain(path_node)) {
                (Some(id), Some(path)) => {
                    let answer = data::check_drift_answer(drifted, template.as_ref(), &id, &path);
                    // Right resource: the path is what is wrong; otherwise the id is.
                    let right_resource = drifted.iter().any(|d| d.logical_id == id.trim());
                    let line = if right_resource {
                        path_line.or(id_line)
                    } else {
                        id_line.or(path_line)
                    };
                    verdict("drift", &answer, line, lang)
                }
                (None, _) => not_plain("drift", "logical_id", id_line, lang),
                (_, None) => not_plain("drift", "property_path", path_line, lang),
            }]
        }
    };
    Ok(checks
        .iter()
        .map(|c| {
            let found = match &c.test {
                Test::Data { key } => verdicts.iter().find(|v| v.key == key.as_str()),
                // The loader refuses any other check in a data exercise.
                _ => None,
            };
            match found {
                Some(v) => Outcome {
                    passed: v.passed,
                    line: v.line,
                    detail: v.detail.clone(),
                },
                None => Outcome {
                    passed: false,
                    line: None,
                    detail: None,
                },
            }
        })
        .collect())
}

fn dora_verdict(key: &'static str, answers: &[AnswerCheck], root: &Node, lang: Lang) -> Verdict {
    let given = root.get(key);
    let line = given.map(|n| n.pos.line);
    let Some(answer) = answers.iter().find(|a| a.key == key) else {
        return Verdict {
            key,
            passed: false,
            line,
            detail: None,
        };
    };
    if !answer.passed && given.is_none() {
        // The data module words this for TOML; the answer here is YAML.
        let detail = match lang {
            Lang::En => format!("`{key}` is missing: add `{key}: …`."),
            Lang::Vi => format!("Thiếu `{key}`: hãy thêm `{key}: …`."),
        };
        return Verdict {
            key,
            passed: false,
            line,
            detail: Some(detail),
        };
    }
    verdict(key, answer, line, lang)
}

fn verdict(key: &'static str, answer: &AnswerCheck, line: Option<usize>, lang: Lang) -> Verdict {
    Verdict {
        key,
        passed: answer.passed,
        line,
        // A passed verdict may state the value; the learner sees a plain "ok" instead.
        detail: (!answer.passed).then(|| answer_vi::translate(&answer.message, lang)),
    }
}

/// A failed verdict on `key` for the answer's `field`, a list or a mapping.
fn not_plain(key: &'static str, field: &str, line: Option<usize>, lang: Lang) -> Verdict {
    let detail = match lang {
        Lang::En => format!("`{field}` should be a single value, not a list or a mapping."),
        Lang::Vi => format!("`{field}` phải là một giá trị đơn, không phải list hay mapping."),
    };
    Verdict {
        key,
        passed: false,
        line,
        detail: Some(detail),
    }
}

/// The text of a scalar answer; empty when missing or null, `None` for a list or map.
fn plain(node: Option<&Node>) -> Option<String> {
    match node {
        None => Some(String::new()),
        Some(n) => match &n.value {
            Value::Null => Some(String::new()),
            Value::Seq(_) | Value::Map(_) => None,
            _ => n.as_scalar_string(),
        },
    }
}

/// Reads the answer: text limits first (size, binary data), then bounded YAML whose
/// top level maps the kind's answer keys.
fn read(kind: DataKind, src: &str, lang: Lang) -> Result<Node, RunError> {
    let keys = kind.answer_keys();
    let example = match kind {
        DataKind::DoraMetrics => "lead_time_median_hours: …",
        DataKind::XrayBottleneck => "bottleneck: <span name or id>",
        DataKind::Drift => "logical_id: <logical id>",
    };
    let meaningful = src
        .lines()
        .map(str::trim)
        .any(|l| !l.is_empty() && !l.starts_with('#'));
    if !meaningful {
        return Err(RunError::whole(match lang {
            Lang::En => format!("The answer is empty: fill in {}.", keys.join(", ")),
            Lang::Vi => format!("Câu trả lời đang trống: hãy điền {}.", keys.join(", ")),
        }));
    }
    crate::lint::check_text(src)?;
    if src.len() > MAX_ANSWER_BYTES {
        let kb = src.len().div_ceil(1024);
        let max = MAX_ANSWER_BYTES / 1024;
        return Err(RunError::whole(match lang {
            Lang::En => format!("The answer is {kb} KB; an answer is at most {max} KB."),
            Lang::Vi => format!("Câu trả lời dài {kb} KB; tối đa là {max} KB."),
        }));
    }
    let root = doc::parse_yaml(src, LIMITS).map_err(|e| {
        let message = match lang {
            Lang::En => format!("this is not valid YAML or JSON: {}", e.message),
            Lang::Vi => format!("đây không phải YAML hay JSON hợp lệ: {}", e.message),
        };
        RunError::at(e.pos, message)
    })?;
    let Value::Map(entries) = &root.value else {
        return Err(RunError::at(
            root.pos,
            match lang {
                Lang::En => {
                    format!("Write the answer as keys and values, one per line, like `{example}`.")
                }
                Lang::Vi => format!(
                    "Hãy viết câu trả lời dạng key và giá trị, mỗi dòng một cặp, ví dụ `{example}`."
                ),
            },
        ));
    };
    if let Some((key, node)) = entries.iter().find(|(k, _)| !keys.contains(&k.as_str())) {
        let close = suggestion(key, keys);
        let message = match (lang, close) {
            (Lang::En, Some(s)) => format!(
                "`{key}` is not a key of this answer: did you mean `{s}`? The keys are {}.",
                keys.join(", ")
            ),
            (Lang::En, None) => format!(
                "`{key}` is not a key of this answer; the keys are {}.",
                keys.join(", ")
            ),
            (Lang::Vi, Some(s)) => format!(
                "`{key}` không phải key của câu trả lời này: có phải ý bạn là `{s}`? Các key là {}.",
                keys.join(", ")
            ),
            (Lang::Vi, None) => format!(
                "`{key}` không phải key của câu trả lời này; các key là {}.",
                keys.join(", ")
            ),
        };
        return Err(RunError::at(node.pos, message));
    }
    Ok(root)
}

impl RunError {
    /// An error at `pos` (lines and columns from 1).
    fn at(pos: Pos, message: String) -> Self {
        RunError {
            line: pos.line.max(1),
            col: pos.col.max(1),
            message,
        }
    }

    /// An error about the whole answer, reported at its start.
    fn whole(message: String) -> Self {
        RunError {
            line: 1,
            col: 1,
            message,
        }
    }
}
