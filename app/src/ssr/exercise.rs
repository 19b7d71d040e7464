//! Exercise view models: the instructions, the learner's draft and results, and the
//! solution only once the exercise's policy allows it and the learner asked.
//!
//! The checks themselves (paths, regexes, expected values) never leave the server; the
//! learner sees a check's message only when it fails.

use crate::model::{CheckView, ExerciseView, RunView, SolutionState};
use lab_core::Lang;
use lab_core::content::markdown::{render_fragment, render_inline};
use lab_core::exercise::{CheckRun, Exercise, public_view, solution_available};
use lab_db::{Draft, Submission};
use serde::{Deserialize, Serialize};

/// What is kept of the latest check in the draft's `last_run`: the run and, when it
/// counted, its attempt number. A submission's `result` holds the run alone (its row
/// has the attempt); [`StoredRun::of`] reads it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRun {
    /// The checker's result.
    pub run: CheckRun,
    /// The submission's attempt; `None` for a file that could not be read at all.
    pub attempt: Option<u32>,
}

impl StoredRun {
    /// The run stored with a submission, and its attempt.
    pub fn of(s: &Submission) -> Option<StoredRun> {
        Some(StoredRun {
            run: serde_json::from_str(&s.result).ok()?,
            attempt: u32::try_from(s.attempt).ok(),
        })
    }
}

/// The editor's highlighting for an exercise kind.
pub fn syntax(kind: &str) -> &'static str {
    match kind {
        "dockerfile" => "dockerfile",
        "ecs-task-definition" => "json",
        _ => "yaml",
    }
}

/// The exercise as this learner sees it. `history` holds the learner's submissions of
/// this exercise (any order); `solution_asked` says the learner asked to see the
/// solution.
pub fn exercise_view(
    ex: &Exercise,
    lang: Lang,
    draft: Option<&Draft>,
    history: &[Submission],
    solution_asked: bool,
) -> ExerciseView {
    let mut public = public_view(ex, lang);
    let data_html = public
        .data
        .take()
        .map(|d| super::exercise_data::data_html(d, lang));
    let mut history: Vec<&Submission> = history.iter().collect();
    history.sort_by_key(|s| s.attempt);
    let stored = |json: &str| serde_json::from_str::<StoredRun>(json).ok();
    let submitted = StoredRun::of;
    let last_run = draft
        .and_then(|d| d.last_run.as_deref())
        .and_then(stored)
        .or_else(|| history.last().and_then(|s| submitted(s)))
        .map(|s| run_view(&s));
    let failed = history.iter().filter(|s| !s.correct).count();
    let failed = u32::try_from(failed).unwrap_or(u32::MAX);
    let solution = match ex.policy.after_failed {
        None => SolutionState::Never,
        Some(_) if solution_available(&ex.policy, failed) => {
            if solution_asked {
                SolutionState::Shown(ex.solution.clone())
            } else {
                SolutionState::Available
            }
        }
        Some(n) => SolutionState::AfterFailed(n.saturating_sub(failed)),
    };
    // Points as the checker gave them when the file was checked.
    let best = history
        .iter()
        .filter_map(|s| submitted(s))
        .map(|r| r.run.points_earned)
        .max()
        .unwrap_or(0);
    let source = draft.map_or_else(|| ex.starter.clone(), |d| d.source.clone());
    ExerciseView {
        id: ex.id.clone(),
        kind: public.kind.clone(),
        syntax: syntax(&public.kind).to_owned(),
        title: public.title,
        instructions_html: render_fragment(&public.instructions),
        data_html,
        fallback: public.fallback,
        edited: source != ex.starter,
        source,
        revision: draft.map_or(0, |d| d.revision),
        points: ex.points,
        checks_total: ex.checks.len(),
        attempts: u32::try_from(history.len()).unwrap_or(u32::MAX),
        best_points: best,
        last_run,
        solution,
    }
}

/// The page's view of a stored run.
pub fn run_view(s: &StoredRun) -> RunView {
    let status = match s.run.status {
        lab_core::exercise::Status::Pass => "pass",
        lab_core::exercise::Status::Fail => "fail",
        lab_core::exercise::Status::Error => "error",
    };
    RunView {
        status: status.to_owned(),
        error: s
            .run
            .error
            .as_ref()
            .map(|e| (e.line, e.col, e.message.clone())),
        checks: s
            .run
            .checks
            .iter()
            .map(|c| CheckView {
                id: c.id.clone(),
                passed: c.passed,
                message_html: render_inline(&c.message),
                hint_html: c.hint.as_deref().map(render_inline),
                line: c.line,
            })
            .collect(),
        passed: s.run.checks.iter().filter(|c| c.passed).count(),
        points_earned: s.run.points_earned,
        attempt: s.attempt,
    }
}

/// The exercises placed on a page (`page`, in the learner's language), as this learner
/// sees them, in page order.
pub async fn page_exercises(
    state: &super::AppState,
    learner: &str,
    lang: Lang,
    module: &lab_core::Module,
    page: &lab_core::PageVersion,
) -> Result<Vec<ExerciseView>, lab_db::DbError> {
    if page.exercises.is_empty() {
        return Ok(Vec::new());
    }
    let (db, slug) = (&state.db.read, module.slug.as_str());
    let kind = lab_db::ItemKind::Exercise;
    let history = lab_db::history(db, learner, slug, kind, "").await?;
    let asked = lab_db::hints_revealed(db, learner, slug, kind, "").await?;
    let mut drafts = lab_db::drafts(db, learner, slug).await?;
    let mut out = Vec::new();
    for id in &page.exercises {
        let Some(ex) = module.exercise(id) else {
            continue;
        };
        let mine: Vec<Submission> = history
            .iter()
            .filter(|s| s.item_id == *id)
            .cloned()
            .collect();
        let solution_asked = asked.iter().any(|(item, n)| item == id && *n > 0);
        out.push(exercise_view(
            ex,
            lang,
            drafts.remove(id).as_ref(),
            &mine,
            solution_asked,
        ));
    }
    Ok(out)
}
