//! The DORA calculator over HTTP: a report from the team's files, nothing stored unless
//! asked (and then the figures only), clear errors for bad files, templates to download.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::{TestApp, enc};
use lab_core::data::dora::template_csv;
use std::path::Path;

async fn app() -> TestApp {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut app = TestApp::with_content(&content).await;
    app.get("/").await;
    app
}

async fn post(app: &mut TestApp, body: &str, json: bool) -> common::Reply {
    let mut req = axum::http::Request::post("/tools/dora")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if json {
        req = req.header(header::ACCEPT, "application/json");
    }
    app.send(req.body(axum::body::Body::from(body.to_owned())).unwrap())
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_templates_give_a_report_and_nothing_is_stored() {
    let mut app = app().await;
    let (d, i) = template_csv();
    let r = post(
        &mut app,
        &format!("deployments={}&incidents={}", enc(d), enc(i)),
        true,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let html = v["html"].as_str().unwrap();
    assert!(html.contains("Deployment frequency"));
    assert!(html.contains("<svg"));
    assert!(html.contains("Not stored"));
    assert_eq!(app.count("SELECT count(*) FROM dora_reports").await, 0);
    // Without JavaScript: a page of its own.
    let r = post(
        &mut app,
        &format!("deployments={}&incidents={}&window=14", enc(d), enc(i)),
        false,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<h1>Your DORA report</h1>"));
    assert!(r.body.contains("14 days"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_stores_the_figures_only_and_the_page_lists_them() {
    let mut app = app().await;
    let (d, i) = template_csv();
    let r = post(
        &mut app,
        &format!("deployments={}&incidents={}&keep=yes", enc(d), enc(i)),
        true,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Your kept reports"));
    assert_eq!(app.count("SELECT count(*) FROM dora_reports").await, 1);
    let (stored,): (String,) = sqlx::query_as("SELECT metrics FROM dora_reports")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert!(!stored.contains("dep-001") && !stored.contains("checkout-api"));
    let page = app.get("/m/apply-at-work/measure-dora-for-your-team").await;
    assert!(page.body.contains("id=\"dora-calculator\""));
    assert!(page.body.contains("Your kept reports"), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_files_get_a_4xx_naming_the_file_and_line() {
    let mut app = app().await;
    let bad = "deployment_id,commit_time,deploy_time,status,service\ndep-1,yesterday,2026-10-05T10:45:00Z,success,api\n";
    let r = post(&mut app, &format!("deployments={}", enc(bad)), true).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("deployments.csv, line 2"), "{}", r.body);
    let r = post(&mut app, "incidents=", true).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("`deployments` is missing"), "{}", r.body);
    let (d, _) = template_csv();
    let r = post(&mut app, &format!("deployments={}&window=0", enc(d)), true).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("whole number of days"));
    let big = "x".repeat(2 * 1024 * 1024 + 10);
    let r = post(&mut app, &format!("deployments={big}"), true).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("up to 2048 KB"), "{}", r.body);
    let r = app
        .post_bytes("/tools/dora", b"deployments=%FF%FE".to_vec())
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("SELECT count(*) FROM dora_reports").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_templates_download_as_csv() {
    let mut app = app().await;
    let r = app.get("/tools/dora/deployments.csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("deployments.csv")
    );
    assert!(
        r.body
            .starts_with("deployment_id,commit_time,deploy_time,status,service")
    );
    let r = app.get("/tools/dora/incidents.csv").await;
    assert!(
        r.body
            .starts_with("incident_id,deployment_id,start_time,resolved_time")
    );
}
