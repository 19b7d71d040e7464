//! Server-only glue: shared state, the learner of the request, and building view
//! models from the content index and stored progress.

pub mod dora;
pub mod exercise;
mod exercise_data;
pub mod quiz;
mod segments;
pub mod session;
mod views;

pub use views::{Done, Interactive, catalog, module_view, step_view};

use axum::extract::FromRef;
use lab_core::Content;
use lab_db::Learner;
use leptos::config::LeptosOptions;
use leptos::prelude::ServerFnError;
use std::sync::Arc;

/// Everything a request handler needs, cheap to clone.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Where the wasm, JS and CSS are.
    pub leptos_options: LeptosOptions,
    /// The database: `db.read` for queries, `db.write` for anything that writes.
    pub db: lab_db::Db,
    /// The content, parsed once at start-up.
    pub content: Arc<Content>,
}

/// The state and the learner of the current request, for server functions.
pub async fn request_context() -> Result<(AppState, Learner), ServerFnError> {
    let state = leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| ServerFnError::new("the lab is not set up for this request"))?;
    let axum::Extension(learner) = leptos_axum::extract::<axum::Extension<Learner>>()
        .await
        .map_err(|_| ServerFnError::new("no learner for this request; cookies may be blocked"))?;
    Ok((state, learner))
}

/// Logs a storage error and returns a short message for the learner.
pub fn storage_error(e: lab_db::DbError) -> ServerFnError {
    tracing::error!(error = %e, "storage error");
    ServerFnError::new("the lab could not save or load your progress; please try again")
}

/// Sets the HTTP status of the response being built (SSR and server functions).
pub fn set_status(status: u16) {
    if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(code) = axum::http::StatusCode::from_u16(status)
    {
        opts.set_status(code);
    }
}

/// The learner's language, `en` when the stored value is odd.
pub fn learner_lang(learner: &Learner) -> lab_core::Lang {
    learner.lang.parse().unwrap_or(lab_core::Lang::En)
}
