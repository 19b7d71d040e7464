//! Server functions: each extracts the request's state and learner, calls a plain
//! function, and maps errors. The browser calls them at `/api/...`; during server
//! rendering they run in place.

use crate::model::{Catalog, ModuleView, StepView};
use lab_core::Lang;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn done_set(
    state: &crate::ssr::AppState,
    learner: &str,
) -> Result<crate::ssr::Done, ServerFnError> {
    use crate::ssr::storage_error;
    let completions = lab_db::completions(&state.db.read, learner)
        .await
        .map_err(storage_error)?;
    let scores = lab_db::scores(&state.db.read, learner)
        .await
        .map_err(storage_error)?;
    Ok(crate::ssr::Done::new(&state.content, completions, &scores))
}

/// The catalog of modules with the learner's progress.
#[server(endpoint = "catalog")]
pub async fn get_catalog() -> Result<Catalog, ServerFnError> {
    use crate::ssr::{catalog, learner_lang, request_context};
    let (state, learner) = request_context().await?;
    let done = done_set(&state, &learner.id).await?;
    // Where the learner left off is kept in the database, not the session.
    let stored = lab_db::learner(&state.db.read, &learner.id)
        .await
        .map_err(crate::ssr::storage_error)?;
    let last = stored.as_ref().and_then(|l| {
        l.last_module_slug
            .as_deref()
            .zip(l.last_page_slug.as_deref())
    });
    Ok(catalog(&state.content, learner_lang(&learner), &done, last))
}

/// A module overview; `None` when there is no such module.
#[server(endpoint = "module")]
pub async fn get_module(module: String) -> Result<Option<ModuleView>, ServerFnError> {
    use crate::ssr::{learner_lang, module_view, request_context};
    let (state, learner) = request_context().await?;
    let done = done_set(&state, &learner.id).await?;
    Ok(module_view(
        &state.content,
        learner_lang(&learner),
        &done,
        &module,
    ))
}

/// A step page; `None` when there is no such step. Opening a step remembers it for
/// "continue where you left off".
#[server(endpoint = "step")]
pub async fn get_step(module: String, step: String) -> Result<Option<StepView>, ServerFnError> {
    use crate::ssr::{learner_lang, request_context, step_view, storage_error};
    let (state, learner) = request_context().await?;
    let done = done_set(&state, &learner.id).await?;
    let lang = learner_lang(&learner);
    let mut mine = crate::ssr::Interactive::default();
    if let Some(m) = state.content.module(&module)
        && let Some((_, page)) = m.step(&step)
    {
        let v = page.version(lang);
        let seed = crate::ssr::quiz::seed(&learner.id, &module);
        for quiz in &v.quizzes {
            let kind = lab_db::ItemKind::Question;
            let history = lab_db::history(&state.db.read, &learner.id, &module, kind, &quiz.id)
                .await
                .map_err(storage_error)?;
            let hints =
                lab_db::hints_revealed(&state.db.read, &learner.id, &module, kind, &quiz.id)
                    .await
                    .map_err(storage_error)?;
            mine.quizzes
                .push(crate::ssr::quiz::quiz_view(quiz, &seed, &history, &hints));
        }
        mine.exercises = crate::ssr::exercise::page_exercises(&state, &learner.id, lang, m, v)
            .await
            .map_err(storage_error)?;
        mine.dora_kept_html = crate::ssr::dora::kept_for_page(&state, &learner.id, lang, v)
            .await
            .map_err(storage_error)?;
    }
    let view = step_view(&state.content, lang, &done, &module, &step, mine);
    if view.is_some() {
        lab_db::record_visit(&state.db.write, &learner.id, &module, &step)
            .await
            .map_err(storage_error)?;
    }
    Ok(view)
}

/// Marks a step complete (or not). Works as a plain form post without JavaScript.
#[server(endpoint = "progress")]
pub async fn set_progress(module: String, step: String, done: bool) -> Result<(), ServerFnError> {
    use crate::ssr::{request_context, set_status, storage_error};
    let (state, learner) = request_context().await?;
    let known = state
        .content
        .module(&module)
        .is_some_and(|m| m.step(&step).is_some());
    if !known {
        set_status(404);
        return Err(ServerFnError::new(format!(
            "there is no step `{step}` in module `{module}`"
        )));
    }
    let result = if done {
        lab_db::mark_complete(&state.db.write, &learner.id, &module, &step).await
    } else {
        lab_db::mark_incomplete(&state.db.write, &learner.id, &module, &step).await
    };
    result.map_err(storage_error)
}

/// Switches the learner's language; it is remembered for their next visits.
#[server(endpoint = "lang")]
pub async fn set_language(lang: Lang) -> Result<(), ServerFnError> {
    use crate::ssr::{request_context, storage_error};
    let (state, learner) = request_context().await?;
    lab_db::set_lang(&state.db.write, &learner.id, lang.code())
        .await
        .map_err(storage_error)?;
    let session = leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|_| ServerFnError::new("no session for this request; cookies may be blocked"))?;
    crate::ssr::session::LearnerSession(session)
        .set_lang(lang)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "cannot store the language in the session");
            ServerFnError::new("the language could not be saved; please try again")
        })
}
