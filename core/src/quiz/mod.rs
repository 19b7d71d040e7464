//! Quizzes: parsing the ```` ```quiz ```` blocks of a page, showing them without their
//! answers, and grading what a learner submits.
//!
//! A quiz block holds TOML (see [`parse`] for every key). The parsed [`Quiz`] keeps the
//! answers, so it stays on the server; the browser gets a [`PublicQuiz`], whose choices
//! are in a per-learner order ([`permutation`]), and sends back an [`Answer`] whose
//! positions refer to that order. [`grade`] turns it into a [`Graded`].
//!
//! # Grading rules
//!
//! - **single**: correct when the chosen option is the correct one. Score 1 or 0.
//! - **multiple**: score = max(0, (correct options chosen − wrong options chosen) ÷
//!   number of correct options), so guessing everything earns nothing. Correct only when
//!   exactly the correct set is chosen. Choosing nothing is an error, not a wrong answer.
//! - **true_false**: correct when it matches. Score 1 or 0.
//! - **numeric**: the learner may type `2.5` or `2,5` (decimal comma, as Vietnamese writes
//!   it), with spaces around, and a trailing unit: the question's `unit` (any case) or
//!   `%`. Correct when |typed − answer| ≤ tolerance, boundary included (plus 1e-9 ×
//!   max(1, |answer|) for floating-point error). `tolerance_percent = p` means a tolerance
//!   of |answer| × p ÷ 100; no tolerance means exact. These are errors, so the learner
//!   can retype without losing an attempt: an empty or unreadable number; a number in
//!   another unit (`30 GB` for a question in MiB); and a separator followed by exactly
//!   three digits after a non-zero whole part (`30,720` or `30.720`), which English and
//!   Vietnamese readers read a thousand times apart. Write such numbers without the
//!   separator (`30720`) or with another number of decimals (`1.5`, `0.125`).
//! - **text**: both sides are normalised: Unicode NFC (so Vietnamese typed with combining
//!   marks matches), trimmed, inner whitespace collapsed to one space, and lower-cased
//!   unless `case_sensitive`. Correct when it equals a normalised `accept` entry, or when
//!   `regex` matches the normalised text. The regex is used as written: anchor it
//!   (`^…$`) to match the whole answer; it ignores case unless `case_sensitive`. An empty
//!   answer is simply wrong. Answers over 1,000 characters are an error.
//! - **order**: score = items in their correct position ÷ number of items; correct when
//!   all are.
//! - **match**: score = correct pairs ÷ number of pairs; correct when all are.
//!
//! Order and match answers must place every item exactly once.

mod check;
mod compare;
mod grade;
mod parse;
mod shuffle;
mod view;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_content;
#[cfg(test)]
mod tests_grade;

pub use compare::compare_translations;
pub use grade::{Answer, AnswerError, Graded, MAX_TEXT_CHARS, Mark, grade};
pub use parse::{QuizError, parse};
pub use shuffle::permutation;
pub use view::{PublicQuestion, PublicQuiz, public_view};

// The types below hold answers (correct flags, feedback, accepted texts, numbers,
// regexes). They are explicitly not `Serialize`, like `UserPasshash` in leptos'
// session_auth_axum: nothing that holds an answer can end up in a view model or a
// server function's response by accident. The browser gets `PublicQuiz` instead.

/// A parsed quiz, answers included. Server-side only (explicitly not `Serialize`).
#[derive(Debug, Clone)]
pub struct Quiz {
    /// Unique on its page; with the module, it identifies the quiz in storage.
    pub id: String,
    /// Shown above the questions.
    pub title: Option<String>,
    /// Most attempts a learner has; `None` for unlimited (`attempts = 0` or missing).
    pub attempts: Option<u32>,
    /// The questions in authored order.
    pub questions: Vec<Question>,
}

impl Quiz {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The answer-free view of the whole quiz for the learner with `seed`.
    ///
    /// Orders come from [`Question::permutation`] with this quiz's id; grade with the same.
    pub fn public_view(&self, seed: &str) -> PublicQuiz {
        PublicQuiz {
            id: self.id.clone(),
            title: self.title.clone(),
            attempts: self.attempts,
            questions: self
                .questions
                .iter()
                .map(|q| public_view(q, &q.permutation(seed, &self.id)))
                .collect(),
        }
    }
}

/// One question, answers included. Server-side only (explicitly not `Serialize`).
#[derive(Debug, Clone)]
pub struct Question {
    /// Unique within the quiz (and, checked by the loader, the module).
    pub id: String,
    /// Markdown.
    pub prompt: String,
    /// Markdown hints, revealed one at a time.
    pub hints: Vec<String>,
    /// Markdown shown after an answer.
    pub explanation: String,
    /// Whether options (or the right-hand column of a match) are shuffled per learner.
    /// Order questions are always shuffled.
    pub shuffle: bool,
    /// The type and its answer data.
    pub kind: QuestionKind,
    /// Line of the question's `[[questions]]` header in the quiz source, from 1.
    pub line: usize,
}

impl Question {
    /// How many things the display order permutes: options, items or right-hand sides.
    pub fn shuffled_len(&self) -> usize {
        match &self.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => options.len(),
            QuestionKind::Order { items } => items.len(),
            QuestionKind::Match { pairs } => pairs.len(),
            QuestionKind::TrueFalse { .. }
            | QuestionKind::Numeric { .. }
            | QuestionKind::Text { .. } => 0,
        }
    }

    /// This question's display order for the learner with `seed` ([`permutation`] with
    /// the right length and the type's shuffle rule).
    pub fn permutation(&self, seed: &str, quiz_id: &str) -> Vec<usize> {
        let shuffle = self.shuffle || matches!(self.kind, QuestionKind::Order { .. });
        permutation(seed, quiz_id, &self.id, self.shuffled_len(), shuffle)
    }
}

/// A question's type with its answer data. Explicitly not `Serialize`.
#[derive(Debug, Clone)]
pub enum QuestionKind {
    /// Exactly one correct option.
    Single {
        /// The options, in authored order.
        options: Vec<Choice>,
    },
    /// One or more correct options.
    Multiple {
        /// The options, in authored order.
        options: Vec<Choice>,
    },
    /// A statement that is true or false.
    TrueFalse {
        /// The right answer.
        answer: bool,
        /// Markdown shown to a learner who answered true.
        feedback_true: Option<String>,
        /// Markdown shown to a learner who answered false.
        feedback_false: Option<String>,
    },
    /// A number, within a tolerance.
    Numeric {
        /// The right value (finite).
        answer: f64,
        /// How far off an answer may be.
        tolerance: Tolerance,
        /// The unit, shown next to the input and accepted after the number.
        unit: Option<String>,
    },
    /// A short free text.
    Text {
        /// Accepted answers as authored (compared after normalisation).
        accept: Vec<String>,
        /// A pattern the normalised answer may match instead.
        regex: Option<regex::Regex>,
        /// Whether case matters.
        case_sensitive: bool,
    },
    /// Items to put in order.
    Order {
        /// The items in the correct order.
        items: Vec<String>,
    },
    /// Left-hand items to pair with right-hand ones.
    Match {
        /// The correct pairs, in the order the left column is shown.
        pairs: Vec<Pair>,
    },
}

impl QuestionKind {
    /// The type's name as authored: `single`, `multiple`, `true_false`, `numeric`,
    /// `text`, `order` or `match`.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::TrueFalse { .. } => "true_false",
            QuestionKind::Numeric { .. } => "numeric",
            QuestionKind::Text { .. } => "text",
            QuestionKind::Order { .. } => "order",
            QuestionKind::Match { .. } => "match",
        }
    }
}

/// An option of a single or multiple choice question. Explicitly not `Serialize`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Markdown shown to the learner.
    pub text: String,
    /// Whether choosing it is right.
    pub correct: bool,
    /// Markdown shown to a learner who chose it.
    pub feedback: Option<String>,
}

/// How far a numeric answer may be from the right value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// Plus or minus this much (0 for exact).
    Absolute(f64),
    /// Plus or minus this percentage of the answer.
    Percent(f64),
}

impl Tolerance {
    /// The absolute tolerance around `answer`.
    pub fn around(self, answer: f64) -> f64 {
        match self {
            Tolerance::Absolute(t) => t,
            Tolerance::Percent(p) => answer.abs() * p / 100.0,
        }
    }
}

/// A correct pair of a match question. Explicitly not `Serialize`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The left-hand item.
    pub left: String,
    /// The right-hand item that belongs with it.
    pub right: String,
}
