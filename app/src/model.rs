//! What the server sends the browser to draw a page: titles, rendered content and the
//! learner's progress. Nothing here holds an answer key.

use lab_core::Lang;
use serde::{Deserialize, Serialize};

/// A link with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkTo {
    /// Where it goes.
    pub url: String,
    /// What it says.
    pub title: String,
}

/// A step in the sidebar or a module's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavStep {
    /// Slug inside the module.
    pub slug: String,
    /// Title in the learner's language.
    pub title: String,
    /// Page URL.
    pub url: String,
    /// Nesting depth, 0 for top-level steps.
    pub depth: usize,
    /// Completed by this learner.
    pub done: bool,
    /// Best quiz score on this page, 0–100, once answered.
    pub score: Option<u8>,
}

/// A module in the sidebar, with its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavModule {
    /// Module slug.
    pub slug: String,
    /// Title in the learner's language.
    pub title: String,
    /// Overview URL.
    pub url: String,
    /// Steps in order.
    pub steps: Vec<NavStep>,
}

impl NavModule {
    /// Completed steps.
    pub fn done(&self) -> usize {
        self.steps.iter().filter(|s| s.done).count()
    }
}

/// A card on the catalog page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleCard {
    /// Module slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// Estimated minutes.
    pub duration: Option<u32>,
    /// Completed steps.
    pub done: usize,
    /// All steps.
    pub total: usize,
    /// Overview URL.
    pub url: String,
    /// Mean best score of the module's quizzes the learner has started, 0–100.
    pub quiz: Option<u8>,
}

/// The catalog page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// The learner's language.
    pub lang: Lang,
    /// Module cards in order.
    pub modules: Vec<ModuleCard>,
    /// The last step the learner opened, if any; otherwise the first step.
    pub resume: Option<LinkTo>,
    /// True when `resume` is where the learner left off (not just the first step).
    pub resuming: bool,
}

/// A rendered page body with its language status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Sanitised HTML.
    pub html: String,
    /// Shown in the other language because this one is missing.
    pub fallback: bool,
    /// The file is broken: learners see a notice instead.
    pub unavailable: bool,
}

/// A module's overview page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleView {
    /// The learner's language.
    pub lang: Lang,
    /// Module slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// Estimated minutes.
    pub duration: Option<u32>,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// Prerequisites.
    pub prerequisites: Vec<String>,
    /// The overview text.
    pub body: Body,
    /// Every module, for the sidebar; this one's steps are listed on the page too.
    pub nav: Vec<NavModule>,
}

/// A step page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    /// The learner's language.
    pub lang: Lang,
    /// Module slug.
    pub module: String,
    /// Link to the module overview.
    pub module_link: LinkTo,
    /// Step slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Estimated minutes.
    pub duration: Option<u32>,
    /// The step text.
    pub body: Body,
    /// The text cut at its quizzes.
    pub segments: Vec<Segment>,
    /// The page's quizzes, answer-free, with the learner's results.
    pub quizzes: Vec<QuizView>,
    /// The page's hands-on exercises, solution-free, with the learner's draft and results.
    pub exercises: Vec<ExerciseView>,
    /// The learner's kept DORA reports as HTML, when the page has the DORA calculator.
    pub dora_kept_html: Option<String>,
    /// Completed by this learner.
    pub done: bool,
    /// 1-based position in the module.
    pub position: usize,
    /// Steps in the module.
    pub total: usize,
    /// The step before, or the module overview.
    pub prev: Option<LinkTo>,
    /// The step after, or the next module.
    pub next: Option<LinkTo>,
    /// Every module, for the sidebar.
    pub nav: Vec<NavModule>,
}

/// A piece of a page: content HTML, or a quiz rendered by the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    /// Sanitised content HTML.
    Html(String),
    /// A quiz, by its index in [`StepView::quizzes`].
    Quiz(usize),
    /// An exercise, by its index in [`StepView::exercises`].
    Exercise(usize),
    /// One of the lab's tools, by name (`dora-calculator`).
    Tool(String),
}

/// A hands-on exercise as the learner sees it: no checks, no solution until allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseView {
    /// Unique in the module.
    pub id: String,
    /// The checker's kind (`buildspec`, `dora-metrics`, ...).
    pub kind: String,
    /// The editor's highlighting: `yaml`, `json` or `dockerfile`.
    pub syntax: String,
    /// Title in the learner's language.
    pub title: String,
    /// Instructions as sanitised HTML.
    pub instructions_html: String,
    /// The data the exercise is about (tables, a trace waterfall), as sanitised HTML.
    pub data_html: Option<String>,
    /// True when the instructions are shown in English for lack of a translation.
    pub fallback: bool,
    /// What the editor holds: the learner's draft, or the starter.
    pub source: String,
    /// The draft's revision (0: no draft yet), for autosave.
    pub revision: i64,
    /// The draft differs from the starter (offer "Reset to starter").
    pub edited: bool,
    /// Points for passing every check.
    pub points: u32,
    /// Number of checks.
    pub checks_total: usize,
    /// Submissions so far.
    pub attempts: u32,
    /// Best points of any submission.
    pub best_points: u32,
    /// The result of the latest check of this exercise.
    pub last_run: Option<RunView>,
    /// Whether and when the reference solution can be shown.
    pub solution: SolutionState,
}

/// When the reference solution can be seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SolutionState {
    /// This exercise never shows its solution.
    Never,
    /// After this many more failed submissions.
    AfterFailed(u32),
    /// The learner may ask for it now.
    Available,
    /// Shown, at the learner's request (the text).
    Shown(String),
}

/// The result of checking a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    /// `pass`, `fail` or `error`.
    pub status: String,
    /// Why the file could not be checked (status `error`): line, column, message.
    pub error: Option<(usize, usize, String)>,
    /// Every check, in order.
    pub checks: Vec<CheckView>,
    /// Checks passed.
    pub passed: usize,
    /// Points earned.
    pub points_earned: u32,
    /// Which submission this was (none for an unreadable file, which is not counted).
    pub attempt: Option<u32>,
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckView {
    /// Check id.
    pub id: String,
    /// Passed.
    pub passed: bool,
    /// What it wants (failed) or a short "ok", as sanitised HTML (inline markdown).
    pub message_html: String,
    /// How to get there (failed only), as sanitised HTML.
    pub hint_html: Option<String>,
    /// The line of the submission a failure is about.
    pub line: Option<usize>,
}

/// A quiz as the learner sees it: questions without answers, plus their own results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizView {
    /// Quiz id, unique in the module.
    pub id: String,
    /// Heading.
    pub title: Option<String>,
    /// Tries allowed per question; `None` is unlimited.
    pub attempts: Option<u32>,
    /// The questions.
    pub questions: Vec<QuestionView>,
    /// Mean best score over questions, 0–100, once any is answered.
    pub best_percent: Option<u8>,
    /// Mean latest score over questions, 0–100.
    pub latest_percent: Option<u8>,
}

/// One question, answer-free, with the learner's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    /// Question id.
    pub id: String,
    /// single, multiple, true_false, numeric, text, order, match.
    pub kind: String,
    /// Prompt, as sanitised HTML.
    pub prompt_html: String,
    /// Options (single/multiple), items (order) or the right column (match), in this
    /// learner's display order, as sanitised HTML.
    pub choices: Vec<String>,
    /// The left column (match).
    pub lefts: Vec<String>,
    /// Unit of a numeric answer.
    pub unit: Option<String>,
    /// Hints revealed so far, as HTML.
    pub hints: Vec<String>,
    /// Hints there are in all.
    pub hints_total: usize,
    /// Tries used.
    pub tries: u32,
    /// Tries left; `None` is unlimited.
    pub tries_left: Option<u32>,
    /// The latest graded answer.
    pub last: Option<GradedView>,
    /// Earlier answers, oldest first (the review).
    pub history: Vec<HistoryEntry>,
}

/// What the server said about an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradedView {
    /// Fully right.
    pub correct: bool,
    /// 0–100.
    pub percent: u8,
    /// Per display position: (chosen, correct) — for ticks and crosses.
    pub marks: Vec<(bool, bool)>,
    /// Feedback on what was chosen, as HTML.
    pub feedback: Vec<String>,
    /// The explanation, as HTML.
    pub explanation: String,
    /// A readable correct answer, when the question has one.
    pub expected: Option<String>,
    /// The answer given, in display terms, to show and pre-fill.
    pub given: GivenAnswer,
}

/// An answer as the learner gave it, in display positions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GivenAnswer {
    /// Positions chosen (single, multiple).
    Choices(Vec<usize>),
    /// True or false.
    Bool(bool),
    /// Typed text or number.
    Text(String),
    /// Order or match: positions.
    Positions(Vec<usize>),
}

/// One past answer, for the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// 1-based.
    pub attempt: u32,
    /// Fully right.
    pub correct: bool,
    /// 0–100.
    pub percent: u8,
    /// A short text of the answer.
    pub summary: String,
    /// UTC ISO 8601.
    pub at: String,
}
