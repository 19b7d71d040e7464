//! Checking each question type's answer data, once its keys are known to be right.

use super::parse::Parser;
use super::{Choice, Pair, QuestionKind, Tolerance};
use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

/// Cap on a compiled `regex`, so a pattern cannot eat the server's memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Option<String>,
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    pub(super) prompt: Option<String>,
    pub(super) hints: Option<Vec<String>>,
    pub(super) explanation: Option<String>,
    pub(super) shuffle: Option<bool>,
    pub(super) options: Option<Vec<Spanned<RawOption>>>,
    pub(super) answer: Option<toml::Value>,
    pub(super) feedback_true: Option<String>,
    pub(super) feedback_false: Option<String>,
    pub(super) tolerance: Option<f64>,
    pub(super) tolerance_percent: Option<f64>,
    pub(super) unit: Option<String>,
    pub(super) accept: Option<Vec<String>>,
    pub(super) regex: Option<String>,
    pub(super) case_sensitive: Option<bool>,
    pub(super) items: Option<Vec<String>>,
    pub(super) pairs: Option<Vec<Spanned<RawPair>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub(super) text: Option<String>,
    #[serde(default)]
    pub(super) correct: bool,
    pub(super) feedback: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPair {
    pub(super) left: Option<String>,
    pub(super) right: Option<String>,
}

impl Parser {
    pub(super) fn required_text(
        &mut self,
        text: Option<String>,
        line: usize,
        missing: &str,
    ) -> String {
        match text {
            Some(t) if !t.trim().is_empty() => t,
            _ => {
                self.error(line, missing);
                String::new()
            }
        }
    }

    /// Reads and checks the answer data of a question of type `kind`.
    pub(super) fn kind(
        &mut self,
        kind: &str,
        raw: RawQuestion,
        name: &str,
        at: &dyn Fn(&str) -> usize,
    ) -> Option<QuestionKind> {
        match kind {
            "single" | "multiple" => {
                let (options, lines) = self.options(raw.options, name, at("options"))?;
                let correct: Vec<usize> =
                    (0..options.len()).filter(|&i| options[i].correct).collect();
                if kind == "single" && correct.len() > 1 {
                    let message = format!(
                        "{name} is `single`, so only one option may be correct, not {}",
                        correct.len()
                    );
                    self.error(lines[correct[1]], message);
                } else if correct.is_empty() {
                    self.error(at("type"), format!("{name} has no correct option"));
                }
                Some(if kind == "single" {
                    QuestionKind::Single { options }
                } else {
                    QuestionKind::Multiple { options }
                })
            }
            "true_false" => match raw.answer {
                Some(toml::Value::Boolean(answer)) => Some(QuestionKind::TrueFalse {
                    answer,
                    feedback_true: raw.feedback_true,
                    feedback_false: raw.feedback_false,
                }),
                Some(_) => {
                    self.error(
                        at("answer"),
                        format!("the `answer` of {name} must be true or false"),
                    );
                    None
                }
                None => {
                    self.error(
                        at("type"),
                        format!("{name} has no `answer` (true or false)"),
                    );
                    None
                }
            },
            "numeric" => self.numeric(raw, name, at),
            "text" => self.text(raw, name, at),
            "order" => {
                let Some(items) = raw.items else {
                    self.error(at("type"), format!("{name} has no `items`"));
                    return None;
                };
                self.distinct(&items, "items", name, at("items"));
                Some(QuestionKind::Order { items })
            }
            _ => {
                let Some(raw_pairs) = raw.pairs else {
                    self.error(at("type"), format!("{name} has no `pairs`"));
                    return None;
                };
                let mut pairs = Vec::with_capacity(raw_pairs.len());
                for pair in raw_pairs {
                    let line = self.line(pair.span().start);
                    let RawPair { left, right } = pair.into_inner();
                    let left =
                        self.required_text(left, line, &format!("a pair of {name} has no `left`"));
                    let right = self.required_text(
                        right,
                        line,
                        &format!("a pair of {name} has no `right`"),
                    );
                    pairs.push(Pair { left, right });
                }
                let lefts: Vec<String> = pairs.iter().map(|p| p.left.clone()).collect();
                let rights: Vec<String> = pairs.iter().map(|p| p.right.clone()).collect();
                self.distinct(&lefts, "lefts", name, at("pairs"));
                self.distinct(&rights, "rights", name, at("pairs"));
                Some(QuestionKind::Match { pairs })
            }
        }
    }

    /// The options, and the line of each.
    fn options(
        &mut self,
        raw: Option<Vec<Spanned<RawOption>>>,
        name: &str,
        line: usize,
    ) -> Option<(Vec<Choice>, Vec<usize>)> {
        let Some(raw) = raw else {
            self.error(line, format!("{name} has no `[[questions.options]]`"));
            return None;
        };
        let mut options = Vec::with_capacity(raw.len());
        let mut lines = Vec::with_capacity(raw.len());
        for option in raw {
            let line = self.line(option.span().start);
            let RawOption {
                text,
                correct,
                feedback,
            } = option.into_inner();
            let text =
                self.required_text(text, line, &format!("an option of {name} has no `text`"));
            options.push(Choice {
                text,
                correct,
                feedback,
            });
            lines.push(line);
        }
        let texts: Vec<String> = options.iter().map(|o| o.text.clone()).collect();
        self.distinct(&texts, "options", name, line);
        Some((options, lines))
    }

    /// At least two, and no two the same once normalised (learners could not tell them apart).
    fn distinct(&mut self, texts: &[String], what: &str, name: &str, line: usize) {
        if texts.len() < 2 {
            self.error(
                line,
                format!("{name} needs at least 2 {what}, not {}", texts.len()),
            );
        }
        let mut seen = std::collections::HashSet::new();
        for t in texts {
            if !t.trim().is_empty() && !seen.insert(super::grade::normalise(t, false)) {
                self.error(
                    line,
                    format!("{name} has two {what} reading `{}`", t.trim()),
                );
            }
        }
    }

    fn numeric(
        &mut self,
        raw: RawQuestion,
        name: &str,
        at: &dyn Fn(&str) -> usize,
    ) -> Option<QuestionKind> {
        let answer = match raw.answer {
            Some(toml::Value::Integer(i)) => i as f64,
            Some(toml::Value::Float(f)) if f.is_finite() => f,
            Some(_) => {
                self.error(
                    at("answer"),
                    format!("the `answer` of {name} must be a finite number"),
                );
                return None;
            }
            None => {
                self.error(at("type"), format!("{name} has no `answer`"));
                return None;
            }
        };
        let tolerance = match (raw.tolerance, raw.tolerance_percent) {
            (Some(_), Some(_)) => {
                let message =
                    format!("{name} has both `tolerance` and `tolerance_percent`; keep one");
                self.error(at("tolerance_percent"), message);
                return None;
            }
            (Some(t), None) => ("tolerance", Tolerance::Absolute(t), t),
            (None, Some(p)) => ("tolerance_percent", Tolerance::Percent(p), p),
            (None, None) => ("tolerance", Tolerance::Absolute(0.0), 0.0),
        };
        let (key, tolerance, value) = tolerance;
        if !(value.is_finite() && value >= 0.0) {
            self.error(
                at(key),
                format!("`{key}` of {name} must be a number of 0 or more"),
            );
        }
        if raw.unit.as_ref().is_some_and(|u| u.trim().is_empty()) {
            self.error(at("unit"), format!("the `unit` of {name} is empty"));
        }
        Some(QuestionKind::Numeric {
            answer,
            tolerance,
            unit: raw.unit.map(|u| u.trim().to_owned()),
        })
    }

    fn text(
        &mut self,
        raw: RawQuestion,
        name: &str,
        at: &dyn Fn(&str) -> usize,
    ) -> Option<QuestionKind> {
        let case_sensitive = raw.case_sensitive.unwrap_or(false);
        let accept = raw.accept.unwrap_or_default();
        if accept.iter().any(|a| a.trim().is_empty()) {
            self.error(at("accept"), format!("{name} accepts an empty answer"));
        }
        let pattern_given = raw.regex.is_some();
        let regex = raw.regex.and_then(|pattern| {
            // NFC, like the answers it is matched against. Used as written: no anchors
            // are added, so the author decides between "contains" and "is".
            let pattern: String = pattern.nfc().collect();
            let built = regex::RegexBuilder::new(&pattern)
                .case_insensitive(!case_sensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .build();
            match built {
                Ok(re) => Some(re),
                Err(e) => {
                    let why = regex_problem(&e);
                    let message = format!("the `regex` of {name} does not compile: {why}");
                    self.error(at("regex"), message);
                    None
                }
            }
        });
        if accept.is_empty() && !pattern_given {
            let message = format!("{name} needs `accept` (a list of answers) or a `regex`");
            self.error(at("type"), message);
        }
        Some(QuestionKind::Text {
            accept,
            regex,
            case_sensitive,
        })
    }
}

/// The last line of a regex error (`unclosed group`), without the pattern and caret
/// diagram the full message draws over several lines.
fn regex_problem(e: &regex::Error) -> String {
    let full = e.to_string();
    let last = full
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    last.trim().trim_start_matches("error: ").to_owned()
}
