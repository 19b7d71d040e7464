//! The content index: modules and pages loaded from a Hugo-style folder.
//!
//! A module is a folder `content/<NN-slug>/` with an `_index.md` overview. Its pages are
//! `<NN-slug>.md` files or `<NN-slug>/_index.md` folders (which may hold pages of their
//! own). `page.vi.md` is the Vietnamese translation of `page.md`. Everything is read and
//! rendered once, at load time; serving a page is a lookup.
//!
//! Slugs drop the numeric prefix (`02-dora-metrics` → `dora-metrics`), so reordering
//! files never changes a URL or a learner's stored progress.

pub mod frontmatter;
mod load;
pub mod markdown;
mod resolve;
pub mod shortcode;

use crate::diag::{Finding, Severity};
use crate::lang::Lang;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use load::{LoadOptions, load};

/// One language version of a page, ready to serve.
#[derive(Debug, Clone)]
pub struct PageVersion {
    /// Title (from front matter, or the file name when missing).
    pub title: String,
    /// One-sentence summary.
    pub description: Option<String>,
    /// Estimated minutes.
    pub duration: Option<u32>,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// Prerequisites.
    pub prerequisites: Vec<String>,
    /// Sanitised HTML of the body.
    pub html: String,
    /// The file this version came from, relative to the content root.
    pub source: Option<PathBuf>,
    /// True when this language had no (or an empty) file and the other one is shown.
    pub fallback: bool,
    /// Set when the file could not be read or parsed: what learners are told instead.
    pub unavailable: Option<String>,
    /// Quiz blocks on the page, in order. They hold answers: server only.
    pub quizzes: Vec<crate::quiz::Quiz>,
    /// Ids of the module's exercises placed on the page by `exercise` blocks, in order.
    pub exercises: Vec<String>,
    /// The lab's tools placed on the page (`dora-calculator`).
    pub tools: Vec<String>,
}

/// A page of a module: a step of the guided path.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path inside the module, `dora-metrics` or `parent/child`.
    pub slug: String,
    /// 0 for the module's own pages, 1 for their children, and so on.
    pub depth: usize,
    /// English and Vietnamese, always both (one may be a fallback).
    pub versions: [PageVersion; 2],
}

impl Page {
    /// The version in `lang`.
    pub fn version(&self, lang: Lang) -> &PageVersion {
        &self.versions[lang_index(lang)]
    }
}

/// A module: an overview page and its steps, depth first.
#[derive(Debug, Clone)]
pub struct Module {
    /// URL and database id: the folder name without its numeric prefix.
    pub slug: String,
    /// The folder name.
    pub dir: String,
    /// The overview (`_index.md`).
    pub overview: Page,
    /// The pages in reading order (nested pages follow their parent).
    pub steps: Vec<Page>,
    /// The hands-on exercises of `exercises/`, solutions included: server only.
    pub exercises: Vec<crate::exercise::Exercise>,
}

impl Module {
    /// The step with this slug.
    pub fn step(&self, slug: &str) -> Option<(usize, &Page)> {
        self.steps.iter().enumerate().find(|(_, p)| p.slug == slug)
    }

    /// Total estimated minutes: the overview's `duration`, or the sum of the steps'.
    pub fn duration(&self, lang: Lang) -> Option<u32> {
        self.overview.version(lang).duration.or_else(|| {
            let sum: u32 = self
                .steps
                .iter()
                .filter_map(|p| p.version(lang).duration)
                .sum();
            (sum > 0).then_some(sum)
        })
    }
}

/// The whole loaded content folder.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The folder it was loaded from.
    pub root: PathBuf,
    /// Modules in order.
    pub modules: Vec<Module>,
    /// Everything `check` reports.
    pub findings: Vec<Finding>,
    /// Files learners may fetch, by `module-slug/path/in/module`.
    pub assets: HashMap<String, PathBuf>,
    /// Names of unknown shortcodes met.
    pub unknown_shortcodes: BTreeSet<String>,
    /// Languages that have at least one file.
    pub languages: BTreeSet<Lang>,
    /// (page, language) pairs with no file or an empty one.
    pub missing_translations: usize,
    /// Quizzes found (counted once per page, whatever the languages).
    pub quizzes: usize,
    /// Questions in those quizzes.
    pub questions: usize,
    /// Question types used, by name.
    pub question_types: BTreeSet<String>,
}

impl Module {
    /// The exercise with this id.
    pub fn exercise(&self, id: &str) -> Option<&crate::exercise::Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// The first step (by slug) whose page places the exercise `id`, in `lang`.
    pub fn exercise_step(&self, id: &str, lang: Lang) -> Option<&str> {
        self.steps
            .iter()
            .find(|p| p.version(lang).exercises.iter().any(|e| e == id))
            .map(|p| p.slug.as_str())
    }
}

/// The summary `devops-lab check --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Number of modules.
    pub modules: usize,
    /// Number of pages, module overviews included.
    pub pages: usize,
    /// Languages present.
    pub languages: Vec<Lang>,
    /// (page, language) pairs missing or empty.
    pub missing_translations: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Unknown shortcode names.
    pub unknown_shortcodes: Vec<String>,
    /// Quizzes.
    pub quizzes: usize,
    /// Quiz questions.
    pub questions: usize,
    /// Question types used.
    pub question_types: Vec<String>,
    /// Hands-on exercises that loaded.
    pub exercises: usize,
    /// Their kinds (`buildspec`, `dora-metrics`, ...).
    pub exercise_kinds: Vec<String>,
}

impl Content {
    /// The module with this slug.
    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.slug == slug)
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The counts for `check --json`.
    pub fn summary(&self) -> Summary {
        Summary {
            modules: self.modules.len(),
            pages: self.modules.iter().map(|m| 1 + m.steps.len()).sum(),
            languages: self.languages.iter().copied().collect(),
            missing_translations: self.missing_translations,
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
            unknown_shortcodes: self.unknown_shortcodes.iter().cloned().collect(),
            quizzes: self.quizzes,
            questions: self.questions,
            question_types: self.question_types.iter().cloned().collect(),
            exercises: self.modules.iter().map(|m| m.exercises.len()).sum(),
            exercise_kinds: self
                .modules
                .iter()
                .flat_map(|m| m.exercises.iter().map(|e| e.checker.name().to_owned()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        }
    }

    /// The page (module overview when `step` is empty) and its quiz with this id.
    pub fn quiz(
        &self,
        module: &str,
        step: &str,
        lang: Lang,
        quiz: &str,
    ) -> Option<&crate::quiz::Quiz> {
        let m = self.module(module)?;
        let page = if step.is_empty() {
            &m.overview
        } else {
            m.step(step)?.1
        };
        page.version(lang).quizzes.iter().find(|q| q.id == quiz)
    }

    /// The file on disk behind an asset URL path (`module/images/a.svg`), if it is one.
    pub fn asset(&self, key: &str) -> Option<&Path> {
        self.assets.get(key).map(PathBuf::as_path)
    }
}

/// URL of a module.
pub fn module_url(module: &str) -> String {
    format!("/m/{}", url_path(module))
}

/// URL of a step.
pub fn step_url(module: &str, step: &str) -> String {
    format!("/m/{}/{}", url_path(module), url_path(step))
}

/// URL of an asset.
pub fn asset_url(key: &str) -> String {
    format!("/content/{}", url_path(key))
}

/// Percent-encodes what a path segment cannot hold as is (spaces, `#`, `?`, `%`).
fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            // Non-ASCII letters (Vietnamese slugs) are encoded byte by byte.
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Vi => 1,
    }
}

#[cfg(test)]
mod tests;
