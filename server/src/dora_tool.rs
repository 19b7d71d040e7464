//! The DORA calculator's endpoints:
//!
//! - `POST /tools/dora`: the team's `deployments.csv` and `incidents.csv` (form fields
//!   `deployments`, `incidents`, optional `window` in days and `keep=yes`) in, the four
//!   keys, their levels and a chart out: JSON `{"html": …}` for the hydrated page, a page
//!   of its own for a plain form. The files are never stored; with `keep=yes` the
//!   computed figures are.
//! - `GET /tools/dora/deployments.csv` and `/tools/dora/incidents.csv`: the templates.

use crate::form::Form;
use crate::reply::{Refusal, storage, wants_json};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use lab_app::ssr::AppState;
use lab_core::Lang;
use lab_core::data::dora::{parse, template_csv};
use lab_db::Learner;
use std::num::NonZeroU32;

/// Largest file the calculator reads, in bytes.
pub const MAX_FILE: usize = 2 * 1024 * 1024;

/// Largest request body: two files form-encoded (CSV of times encodes to under twice
/// its size) plus the other fields.
pub const MAX_BODY: usize = 2 * 2 * MAX_FILE + 16 * 1024;

/// `POST /tools/dora`.
pub async fn compute(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let json = wants_json(&headers);
    let lang = lab_app::ssr::learner_lang(&learner);
    match compute_inner(&state, &learner, lang, &body).await {
        Ok(html) if json => (
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({ "html": html }).to_string(),
        )
            .into_response(),
        Ok(html) => page(lang, &html).into_response(),
        Err(refusal) => crate::reply::reply(json, Err(refusal)),
    }
}

async fn compute_inner(
    state: &AppState,
    learner: &Learner,
    lang: Lang,
    body: &[u8],
) -> Result<String, Refusal> {
    let form = Form::parse(body)?;
    let deployments = form.required("deployments")?;
    let incidents = form.one("incidents")?.unwrap_or_default();
    for (name, text) in [
        ("deployments.csv", deployments),
        ("incidents.csv", incidents),
    ] {
        if text.len() > MAX_FILE {
            return Err(Refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "{name} is {} KB; the calculator reads files up to {} KB. Try a shorter period.",
                    text.len().div_ceil(1024),
                    MAX_FILE / 1024
                ),
            ));
        }
    }
    let window = match form.one("window")?.map(str::trim) {
        None | Some("") => None,
        Some(w) => Some(
            w.parse::<u32>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .and_then(NonZeroU32::new)
                .ok_or_else(|| {
                    Refusal(
                        StatusCode::BAD_REQUEST,
                        format!(
                            "The window must be a whole number of days from 1 to 3650, not `{w}`."
                        ),
                    )
                })?,
        ),
    };
    let keep = matches!(form.one("keep")?, Some("yes" | "on"));
    // Reading up to 2 × 2 MB of CSV runs on a blocking thread, off the request threads.
    let (deployments, incidents) = (deployments.to_owned(), incidents.to_owned());
    let computed = tokio::task::spawn_blocking(move || {
        let data = parse(&deployments, &incidents)?;
        let metrics = data.metrics(window);
        let html = lab_app::ssr::dora::report_html(&data, &metrics, lang, keep);
        Ok::<_, lab_core::data::CsvError>((metrics, html))
    })
    .await
    .map_err(|_| Refusal::internal("The report could not be computed. Please try again."))?;
    let (metrics, mut html) = computed.map_err(|e| {
        Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{}, line {}: {}", e.file, e.line, e.message),
        )
    })?;
    if keep {
        let figures = serde_json::to_string(&metrics)
            .map_err(|_| Refusal::internal("The report could not be kept. Please try again."))?;
        lab_db::save_dora_report(&state.db.write, &learner.id, &figures)
            .await
            .map_err(storage)?;
        let kept = lab_app::ssr::dora::kept(state, &learner.id)
            .await
            .map_err(storage)?;
        html.push_str(&lab_app::ssr::dora::kept_html(&kept, lang));
    }
    Ok(html)
}

/// The report as a page of its own, for a form sent without JavaScript.
fn page(lang: Lang, report: &str) -> Html<String> {
    let (title, back) = match lang {
        Lang::En => ("Your DORA report", "Back to the lab"),
        Lang::Vi => ("Báo cáo DORA của bạn", "Quay lại lab"),
    };
    let body =
        format!("{report}<p><a class=\"button\" href=\"javascript:history.back()\">{back}</a></p>");
    crate::reply::page(Some(lang), title, &body)
}

/// `GET /tools/dora/deployments.csv`.
pub async fn deployments_template() -> Response {
    csv("deployments.csv", template_csv().0)
}

/// `GET /tools/dora/incidents.csv`.
pub async fn incidents_template() -> Response {
    csv("incidents.csv", template_csv().1)
}

fn csv(name: &str, text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        text,
    )
        .into_response()
}
