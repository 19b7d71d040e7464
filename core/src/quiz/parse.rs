//! Reading a quiz block: TOML in, a checked [`Quiz`] or every problem with its line out.
//!
//! The TOML is parsed once into a tree with byte spans. Keys are checked against what
//! each question type takes before anything else, so a typo (`corect`) or a key of
//! another type (`tolerance` on a `single`) is an error on its own line instead of being
//! ignored; the raw structs also `deny_unknown_fields` as a second guard. Each question is
//! then read with serde on its own and checked, so one broken question does not hide the
//! problems of the others.

use super::check::RawQuestion;
use super::{Question, Quiz};
use crate::names::{is_id, suggestion};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// A problem in a quiz block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct QuizError {
    /// Line in the quiz source, from 1 (best effort: the key's or the question's line).
    pub line: usize,
    /// What is wrong, for an author.
    pub message: String,
}

/// The question types, as authored.
const TYPES: [&str; 7] = [
    "single",
    "multiple",
    "true_false",
    "numeric",
    "text",
    "order",
    "match",
];
const QUIZ_KEYS: [&str; 4] = ["id", "title", "attempts", "questions"];
/// Keys every question takes.
const COMMON_KEYS: [&str; 5] = ["id", "type", "prompt", "hints", "explanation"];
/// Keys only some types take, with those types.
const TYPED_KEYS: [(&str, &[&str]); 13] = [
    ("shuffle", &["single", "multiple", "match"]),
    ("options", &["single", "multiple"]),
    ("answer", &["true_false", "numeric"]),
    ("feedback_true", &["true_false"]),
    ("feedback_false", &["true_false"]),
    ("tolerance", &["numeric"]),
    ("tolerance_percent", &["numeric"]),
    ("unit", &["numeric"]),
    ("accept", &["text"]),
    ("regex", &["text"]),
    ("case_sensitive", &["text"]),
    ("items", &["order"]),
    ("pairs", &["match"]),
];
const OPTION_KEYS: [&str; 3] = ["text", "correct", "feedback"];
const PAIR_KEYS: [&str; 2] = ["left", "right"];

/// Parses and checks a quiz block (the TOML between the fences).
///
/// Top level: `id` (required), `title`, `attempts` (0 or missing: unlimited), and
/// `[[questions]]`, each with `id` (required, unique, `[a-z0-9][a-z0-9-]*`), `type`
/// (`single`, `multiple`, `true_false`, `numeric`, `text`, `order` or `match`), `prompt`
/// and `explanation` (markdown, required), `hints` (markdown list) and `shuffle`
/// (default true; single, multiple and match only, order is always shuffled). Per type:
/// - single, multiple: at least two `[[questions.options]]` with `text`, `correct`
///   (default false) and `feedback`; single needs exactly one correct, multiple one or more.
/// - true_false: `answer` (boolean), `feedback_true`, `feedback_false`.
/// - numeric: `answer` (finite number), `tolerance` (absolute) or `tolerance_percent`
///   (not both, not negative), `unit`.
/// - text: `accept` (list), `regex` (used as written; anchor it yourself),
///   `case_sensitive` (default false); at least one accepted text or a regex.
/// - order: `items`, at least two distinct, in the correct order.
/// - match: `pairs = [{ left, right }, ...]`, at least two, lefts distinct, rights distinct.
///
/// Every problem found is returned, sorted by line; any unknown key is one.
pub fn parse(src: &str) -> Result<Quiz, Vec<QuizError>> {
    let mut p = Parser {
        newlines: src.match_indices('\n').map(|(i, _)| i).collect(),
        errors: Vec::new(),
    };
    let (root, syntax) = DeTable::parse_recoverable(src);
    if !syntax.is_empty() {
        for e in &syntax {
            p.toml_error(e, 1, "");
        }
        return Err(p.errors);
    }
    let quiz = p.quiz(root.get_ref());
    if p.errors.is_empty() {
        Ok(quiz)
    } else {
        p.errors.sort_by_key(|e| e.line);
        Err(p.errors)
    }
}

pub(super) struct Parser {
    /// Byte offsets of the source's newlines, to turn spans into lines.
    newlines: Vec<usize>,
    pub(super) errors: Vec<QuizError>,
}

impl Parser {
    pub(super) fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }

    pub(super) fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(QuizError {
            line,
            message: message.into(),
        });
    }

    fn toml_error(&mut self, e: &toml::de::Error, fallback_line: usize, context: &str) {
        let line = e.span().map_or(fallback_line, |s| self.line(s.start));
        let message = e.message().trim().replace('\n', "; ");
        self.error(line, format!("{context}{message}"));
    }

    fn quiz(&mut self, root: &DeTable<'_>) -> Quiz {
        self.unknown_keys(root, &QUIZ_KEYS, "");
        let mut quiz = Quiz {
            id: String::new(),
            title: None,
            attempts: None,
            questions: Vec::new(),
        };
        match root.get_key_value("id") {
            Some((k, v)) => {
                let line = self.line(k.span().start);
                match v.get_ref().as_str() {
                    Some(id) if is_id(id) => quiz.id = id.to_owned(),
                    Some(id) => self.error(line, format!("quiz id `{id}` {ID_RULE}")),
                    None => self.error(line, "the quiz `id` must be a string"),
                }
            }
            None => self.error(1, "the quiz has no `id`"),
        }
        if let Some(v) = root.get("title") {
            quiz.title = self.value(v, "`title`");
        }
        if let Some(v) = root.get("attempts") {
            quiz.attempts =
                self.value::<i64>(v, "`attempts`")
                    .and_then(|n| match u32::try_from(n) {
                        Ok(0) => None,
                        Ok(n) => Some(n),
                        Err(_) => {
                            let line = self.line(v.span().start);
                            self.error(
                                line,
                                "`attempts` must be 0 (unlimited) or a positive number",
                            );
                            None
                        }
                    });
        }
        let Some(questions) = root.get("questions") else {
            self.error(1, "the quiz has no `[[questions]]`");
            return quiz;
        };
        let Some(list) = questions.get_ref().as_array() else {
            let line = self.line(questions.span().start);
            self.error(
                line,
                "`questions` must be a list of tables (`[[questions]]`)",
            );
            return quiz;
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for item in list.iter() {
            if let Some(q) = self.question(item, &mut seen) {
                quiz.questions.push(q);
            }
        }
        if list.is_empty() {
            let line = self.line(questions.span().start);
            self.error(line, "the quiz has no questions");
        }
        quiz
    }

    /// Reads a scalar or list with serde, reporting a type error on its line.
    fn value<T: DeserializeOwned>(&mut self, v: &Spanned<DeValue<'_>>, what: &str) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(v.clone())) {
            Ok(t) => Some(t),
            Err(e) => {
                let line = self.line(v.span().start);
                self.toml_error(&e, line, &format!("{what}: "));
                None
            }
        }
    }

    /// Reports keys not in `allowed`, with a suggestion when one is close; returns them.
    fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], place: &str) -> Vec<String> {
        let mut bad = Vec::new();
        for (offset, name, message) in crate::names::unknown_keys(table, allowed, place) {
            let line = self.line(offset);
            self.error(line, message);
            bad.push(name);
        }
        bad
    }

    /// Reports unknown keys and keys of another type in a question and its options and
    /// pairs, and removes them so the rest can still be read and checked.
    fn check_question_keys(&mut self, table: &mut DeTable<'_>, kind: Option<&str>) {
        let all: Vec<&str> = COMMON_KEYS
            .iter()
            .copied()
            .chain(TYPED_KEYS.iter().map(|(k, _)| *k))
            .collect();
        let mut bad = self.unknown_keys(table, &all, "");
        if let Some(kind) = kind {
            for (key, _) in table.iter() {
                let name: &str = key.get_ref();
                let Some((_, types)) = TYPED_KEYS.iter().find(|(k, _)| *k == name) else {
                    continue;
                };
                if !types.contains(&kind) {
                    let line = self.line(key.span().start);
                    let why = if name == "shuffle" && kind == "order" {
                        "; order questions are always shuffled".to_owned()
                    } else {
                        format!(" (it is for {})", types.join(", "))
                    };
                    self.error(
                        line,
                        format!("`{name}` does not apply to a `{kind}` question{why}"),
                    );
                    bad.push(name.to_owned());
                }
            }
        }
        for name in &bad {
            table.remove(name.as_str());
        }
        for (list, allowed, place) in [
            ("options", &OPTION_KEYS[..], " in an option"),
            ("pairs", &PAIR_KEYS[..], " in a pair"),
        ] {
            let Some(DeValue::Array(items)) = table.get_mut(list).map(Spanned::get_mut) else {
                continue;
            };
            for item in items.iter_mut() {
                if let DeValue::Table(t) = item.get_mut() {
                    for name in self.unknown_keys(t, allowed, place) {
                        t.remove(name.as_str());
                    }
                }
            }
        }
    }

    fn question(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        seen: &mut HashMap<String, usize>,
    ) -> Option<Question> {
        let line = self.line(item.span().start);
        let Some(table) = item.get_ref().as_table() else {
            self.error(line, "each entry of `questions` must be a table");
            return None;
        };
        let kind = table
            .get("type")
            .and_then(|v| v.get_ref().as_str())
            .filter(|k| TYPES.contains(k))
            .map(str::to_owned);
        let key_lines: HashMap<String, usize> = table
            .keys()
            .map(|k| (k.get_ref().to_string(), self.line(k.span().start)))
            .collect();
        let at = |key: &str| key_lines.get(key).copied().unwrap_or(line);
        let mut table = table.clone();
        self.check_question_keys(&mut table, kind.as_deref());
        let value = Spanned::new(item.span(), DeValue::Table(table));
        let mut raw = match RawQuestion::deserialize(ValueDeserializer::from(value)) {
            Ok(raw) => raw,
            Err(e) => {
                self.toml_error(&e, line, "");
                return None;
            }
        };

        let id = match raw.id.take() {
            Some(id) if is_id(&id) => {
                if let Some(first) = seen.get(&id) {
                    let message =
                        format!("duplicate question id `{id}` (first used on line {first})");
                    self.error(at("id"), message);
                } else {
                    seen.insert(id.clone(), line);
                }
                id
            }
            Some(id) => {
                self.error(at("id"), format!("question id `{id}` {ID_RULE}"));
                id
            }
            None => {
                self.error(line, "the question has no `id`");
                String::new()
            }
        };
        let name = if id.is_empty() {
            "the question".to_owned()
        } else {
            format!("question `{id}`")
        };
        let prompt = self.required_text(
            raw.prompt.take(),
            at("prompt"),
            &format!("{name} has no `prompt`"),
        );
        let explanation = self.required_text(
            raw.explanation.take(),
            at("explanation"),
            &format!("{name} has no `explanation`"),
        );
        let hints = raw.hints.take().unwrap_or_default();
        let shuffle = raw.shuffle.unwrap_or(true);
        if hints.iter().any(|h| h.trim().is_empty()) {
            self.error(at("hints"), format!("{name} has an empty hint"));
        }
        let kind_name = raw.kind.take();
        let kind = match kind_name.as_deref() {
            None => {
                self.error(
                    line,
                    format!("{name} has no `type` (one of {})", TYPES.join(", ")),
                );
                None
            }
            Some(k) if !TYPES.contains(&k) => {
                let hint = suggestion(k, &TYPES)
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                let message = format!(
                    "unknown question type `{k}` ({hint}use one of {})",
                    TYPES.join(", ")
                );
                self.error(at("type"), message);
                None
            }
            Some(k) => self.kind(k, raw, &name, &at),
        }?;
        Some(Question {
            id,
            prompt,
            hints,
            explanation,
            shuffle,
            kind,
            line,
        })
    }
}

const ID_RULE: &str =
    "must be lower-case letters, digits and hyphens, starting with a letter or digit";
