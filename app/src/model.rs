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
