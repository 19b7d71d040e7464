//! What the browser is shown of an exercise: no solution, no checks, no known-wrong
//! answers. Check messages are left out too: read together they spell out the solution
//! more plainly than the instructions do, so the learner sees them only as checks fail.

use super::Exercise;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// An exercise without anything that gives the answer away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicExercise {
    /// Unique in its module.
    pub id: String,
    /// The kind's name (`"dockerfile"`), for the editor's syntax highlighting.
    pub kind: String,
    /// The title in the requested language (or English).
    pub title: String,
    /// Markdown instructions in the requested language (or English).
    pub instructions: String,
    /// True when Vietnamese was asked for and English is shown.
    pub fallback: bool,
    /// The file the learner starts from.
    pub starter: String,
    /// Points for passing every check.
    pub points: u32,
    /// How many checks a submission must pass.
    pub checks: usize,
    /// Failed submissions after which the solution can be shown (0: always; none: never).
    pub solution_after_failed: Option<u32>,
}

/// The answer-free view of `ex` in `lang`.
pub fn public_view(ex: &Exercise, lang: Lang) -> PublicExercise {
    let (text, fallback) = ex.instructions(lang);
    PublicExercise {
        id: ex.id.clone(),
        kind: ex.checker.name().to_owned(),
        title: text.title.clone(),
        instructions: text.markdown.clone(),
        fallback,
        starter: ex.starter.clone(),
        points: ex.points,
        checks: ex.checks.len(),
        solution_after_failed: ex.policy.after_failed,
    }
}
