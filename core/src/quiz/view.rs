//! What the browser may see of a quiz: questions and choices, never answers.

use super::shuffle::checked;
use super::{Question, QuestionKind};
use serde::{Deserialize, Serialize};

/// A quiz without its answers, with choices in one learner's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicQuiz {
    /// The quiz id.
    pub id: String,
    /// Shown above the questions.
    pub title: Option<String>,
    /// Most attempts allowed; `None` for unlimited.
    pub attempts: Option<u32>,
    /// The questions in authored order.
    pub questions: Vec<PublicQuestion>,
}

/// A question without its answer: no correct flags, feedback, explanation, accepted
/// texts, numeric answer or regex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicQuestion {
    /// The question id.
    pub id: String,
    /// The type's name (`single`, `multiple`, `true_false`, `numeric`, `text`, `order`,
    /// `match`).
    pub kind: String,
    /// Markdown; the caller renders it.
    pub prompt: String,
    /// In display order: option texts (single, multiple), items (order) or the right-hand
    /// column (match); empty for the other types. [`super::Answer`] positions index this.
    pub choices: Vec<String>,
    /// The left-hand column of a match, in authored order; empty for the other types.
    pub lefts: Vec<String>,
    /// The unit of a numeric question.
    pub unit: Option<String>,
    /// How many hints the question has.
    pub hints_available: usize,
    /// True for multiple choice (check boxes rather than radio buttons).
    pub multiple: bool,
}

/// The answer-free view of `q`, with choices in the display order `perm`
/// (`perm[display] = authored index`; anything but a permutation of the right length
/// shows the authored order, as grading does).
pub fn public_view(q: &Question, perm: &[usize]) -> PublicQuestion {
    let perm = checked(perm, q.shuffled_len());
    // `perm` is a permutation of `0..shuffled_len()`, so every index is in range.
    let in_display_order = |text_of: &dyn Fn(usize) -> String| -> Vec<String> {
        perm.iter().map(|&i| text_of(i)).collect()
    };
    let (choices, lefts, unit) = match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => (
            in_display_order(&|i| options[i].text.clone()),
            Vec::new(),
            None,
        ),
        QuestionKind::Order { items } => (in_display_order(&|i| items[i].clone()), vec![], None),
        QuestionKind::Match { pairs } => (
            in_display_order(&|i| pairs[i].right.clone()),
            pairs.iter().map(|p| p.left.clone()).collect(),
            None,
        ),
        QuestionKind::Numeric { unit, .. } => (Vec::new(), Vec::new(), unit.clone()),
        QuestionKind::TrueFalse { .. } | QuestionKind::Text { .. } => {
            (Vec::new(), Vec::new(), None)
        }
    };
    PublicQuestion {
        id: q.id.clone(),
        kind: q.kind.name().to_owned(),
        prompt: q.prompt.clone(),
        choices,
        lefts,
        unit,
        hints_available: q.hints.len(),
        multiple: matches!(q.kind, QuestionKind::Multiple { .. }),
    }
}
