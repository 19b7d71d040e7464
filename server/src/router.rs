//! Building the application: state, then the router with every layer.
//!
//! Tests build the same router on a temporary database and content folder, so what
//! they exercise is what runs.

use crate::assets::{favicon, module_asset};
use crate::learner::{ensure_learner, secure_cookie_over_https, session_layer};
use anyhow::Context;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use lab_app::ssr::AppState;
use lab_app::{App, shell};
use lab_core::content::{LoadOptions, load};
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Largest request body accepted: forms and server-function calls are small.
pub const MAX_BODY: usize = 64 * 1024;

/// Opens the database (running migrations), loads the content and logs its findings.
pub async fn build_state(
    db: &str,
    content: &Path,
    site: &Path,
    addr: SocketAddr,
) -> anyhow::Result<AppState> {
    let database = lab_db::connect(db)
        .await
        .with_context(|| format!("cannot open the database {db}"))?;
    let dir = content.to_path_buf();
    let content = tokio::task::spawn_blocking(move || load(&dir, LoadOptions::default()))
        .await
        .context("content loading panicked")?;
    for f in &content.findings {
        match f.severity {
            lab_core::Severity::Error => tracing::error!("{f}"),
            lab_core::Severity::Warning => tracing::warn!("{f}"),
        }
    }
    tracing::info!(
        modules = content.modules.len(),
        errors = content.count(lab_core::Severity::Error),
        "content loaded"
    );
    let leptos_options = LeptosOptions::builder()
        .output_name("devops-lab")
        .site_root(site.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    Ok(AppState {
        leptos_options,
        db: database,
        content: Arc::new(content),
    })
}

/// The app's routes, generated once per process.
///
/// Generating them runs the app with resource loading suppressed by a process-wide flag
/// (leptos_server's `SuppressResourceLoad`): a resource first polled by another render in
/// that window never resolves (leptos issue #4773). Generating once, before any router
/// exists, closes the window for every router built afterwards (tests build many).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole router.
pub async fn build_router(state: AppState) -> anyhow::Result<Router> {
    let sessions = session_layer(state.db.read.clone())
        .await
        .context("cannot prepare the session store")?;
    let routes = route_list();
    let options = state.leptos_options.clone();
    let fallback_options = state.leptos_options.clone();
    let fallback_state = state.clone();
    let not_found = leptos_axum::render_app_to_stream_with_context(
        move || leptos::prelude::provide_context(fallback_state.clone()),
        move || shell(fallback_options.clone()),
    );
    // Hands-on exercises take files up to 256 KB; everything else is small.
    let exercises = Router::new()
        .route("/exercise", post(crate::exercise::submit))
        .route("/exercise/draft", post(crate::exercise::draft))
        .route("/exercise/reset", post(crate::exercise::reset))
        .route("/exercise/solution", post(crate::exercise::solution));
    let exercises = limited(exercises, crate::exercise::MAX_BODY);
    let dora = Router::new().route("/tools/dora", post(crate::dora_tool::compute));
    let tools = limited(dora, crate::dora_tool::MAX_BODY)
        .route(
            "/tools/dora/deployments.csv",
            get(crate::dora_tool::deployments_template),
        )
        .route(
            "/tools/dora/incidents.csv",
            get(crate::dora_tool::incidents_template),
        );
    // Pages and server functions: these need a learner.
    let app = Router::new()
        .leptos_routes_with_context(&state, routes, || {}, move || shell(options.clone()))
        .route("/quiz", post(crate::quiz::submit))
        .route("/quiz/hint", post(crate::quiz::hint));
    let app = limited(app, MAX_BODY)
        .merge(exercises)
        .merge(tools)
        .fallback(not_found)
        .layer(middleware::from_fn(bad_arguments_are_client_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ensure_learner,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(secure_cookie_over_https));
    let pkg = Path::new(state.leptos_options.site_root.as_ref()).join("pkg");
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/favicon.svg", get(favicon))
        .route("/content/{*path}", get(module_asset))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-cache"),
                ))
                .service(ServeDir::new(pkg)),
        )
        .merge(app)
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state);
    Ok(router)
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match lab_db::ping(&state.db.read).await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Server functions answer 500 when they cannot decode their arguments (a malformed
/// form, a wrong type, a repeated field); that is the client's mistake, so say 400.
async fn bad_arguments_are_client_errors(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let resp = next.run(req).await;
    if !is_api || resp.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
    };
    let client_error = [&b"Args|"[..], b"Deserialization|", b"Request|"]
        .iter()
        .any(|prefix| bytes.starts_with(prefix));
    if bytes.ends_with(b"length limit exceeded") {
        // A body without Content-Length that grew past the limit while being read.
        return too_large(MAX_BODY);
    }
    if client_error {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The routes of `router` with a body limit of `limit` bytes: axum's extractors and the
/// request body agree on it, and an oversized body, declared or streamed, gets a 413
/// that says the limit (the refusals of the handlers themselves are left as they are).
fn limited(router: Router<AppState>, limit: usize) -> Router<AppState> {
    router
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(axum::middleware::map_response(
            move |resp: Response| async move {
                let plain = resp
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_none_or(|v| v.starts_with("text/plain"));
                if resp.status() == StatusCode::PAYLOAD_TOO_LARGE && plain {
                    too_large(limit)
                } else {
                    resp
                }
            },
        ))
}

fn too_large(limit: usize) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The request is too large: the lab accepts at most {} KB here.",
            limit / 1024
        ),
    )
        .into_response()
}
