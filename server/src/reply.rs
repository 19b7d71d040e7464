//! How the form endpoints (`/quiz`, `/exercise`) answer: a redirect back to the page
//! for a plain form, JSON for the hydrated page, and a short page or JSON error with a
//! message a person understands when the request is refused.

use crate::form::FormError;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

/// A refusal: status and a message for a person.
pub struct Refusal(pub StatusCode, pub String);

impl From<FormError> for Refusal {
    fn from(e: FormError) -> Self {
        Refusal(
            StatusCode::BAD_REQUEST,
            format!("The form could not be read: {e}."),
        )
    }
}

impl Refusal {
    /// A failure of the lab itself, with what to tell the learner.
    pub fn internal(message: &str) -> Refusal {
        Refusal(StatusCode::INTERNAL_SERVER_ERROR, message.to_owned())
    }
}

/// A storage failure, logged, with a message for the learner.
pub fn storage(e: lab_db::DbError) -> Refusal {
    tracing::error!(error = %e, "storage failed");
    Refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        "Your answer could not be saved right now. Please try again.".to_owned(),
    )
}

/// The page asked for JSON (the hydrated page's `fetch`).
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Answers an accepted form with a redirect to `back` (or `{"ok":true}` as JSON).
pub fn reply(json: bool, result: Result<String, Refusal>) -> Response {
    reply_with(
        json,
        result.map(|back| (back, serde_json::json!({ "ok": true }))),
    )
}

/// Answers an accepted form with a redirect to the page, or with `body` as JSON.
pub fn reply_with(json: bool, result: Result<(String, serde_json::Value), Refusal>) -> Response {
    match (result, json) {
        (Ok((_, body)), true) => (
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response(),
        (Ok((back, _)), false) => Redirect::to(&back).into_response(),
        (Err(Refusal(status, message)), true) => {
            let body = serde_json::json!({ "error": message }).to_string();
            (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        (Err(Refusal(status, message)), false) => {
            let text = lab_core::content::shortcode::escape(&message);
            let body = format!(
                "<p class=\"notice notice-warning\" role=\"alert\">{text}</p><p><a class=\"button\" href=\"javascript:history.back()\">Go back</a></p>"
            );
            (status, page(None, "Your answer was not accepted", &body)).into_response()
        }
    }
}

/// A small page of its own, for answers to plain forms (no JavaScript): the lab's
/// stylesheet, a heading and `body_html` (already escaped).
pub fn page(lang: Option<lab_core::Lang>, title: &str, body_html: &str) -> Html<String> {
    let lang = lang
        .map(|l| format!(" lang=\"{}\"", l.code()))
        .unwrap_or_default();
    let title = lab_core::content::shortcode::escape(title);
    Html(format!(
        "<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} · DevOps Lab</title><link rel=\"stylesheet\" href=\"/pkg/devops-lab.css\"></head><body><main class=\"frame\"><h1>{title}</h1>{body_html}</main></body></html>"
    ))
}
