//! Files that modules ship (images, PDFs, datasets), served from the content index.
//!
//! Only files the loader listed are served, looked up by exact key, so `..` in a URL
//! can never reach another file, and markdown (which holds quiz answers) never leaves.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lab_app::ssr::AppState;

/// `GET /content/{*path}`.
pub async fn module_asset(State(state): State<AppState>, Path(path): Path<String>) -> Response {
    let Some(file) = state.content.asset(&path) else {
        return (StatusCode::NOT_FOUND, "No such file in the lab's content.").into_response();
    };
    let bytes = match tokio::fs::read(file).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, file = %file.display(), "asset unreadable");
            return (StatusCode::NOT_FOUND, "This file is no longer available.").into_response();
        }
    };
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let mut resp = bytes.into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&ext)),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    // An SVG can carry script; served on its own it must not run any.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    if ext == "csv" {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    resp
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The lab's icon.
pub async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../style/favicon.svg"),
    )
}
