//! HTTP integration tests: the real router, a fresh database per test.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::{TempDir, TestApp, fixture_content};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_ok_when_the_database_answers() {
    let mut app = TestApp::new().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_visit_creates_a_learner_with_an_httponly_lax_cookie() {
    let mut app = TestApp::new().await;
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.starts_with("lab_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"));
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM learners")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(n, 1);
    // The same browser comes back as the same learner.
    app.get("/").await;
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM learners")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cookie_is_secure_behind_an_https_proxy() {
    let mut app = TestApp::new().await;
    let r = app.get_with("/", "x-forwarded-proto", "https").await;
    let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalog_lists_modules_with_progress() {
    let mut app = TestApp::new().await;
    let r = app.get("/").await;
    assert!(r.body.contains("Culture and DORA"));
    assert!(r.body.contains("Second module"));
    assert!(r.body.contains("0/6 steps done"));
    assert!(r.body.contains("45 min"));
    assert!(r.body.contains("Start with the first module"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn module_and_step_pages_render_their_content() {
    let mut app = TestApp::new().await;
    let m = app.get("/m/culture").await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(m.body.contains("Name the four keys"));
    assert!(m.body.contains("href=\"/m/culture/intro\""));
    let s = app.get("/m/culture/intro").await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(
        s.body
            .contains("<title>Introduction · Culture and DORA · DevOps Lab</title>")
    );
    assert!(s.body.contains("notice notice-tip"));
    assert!(s.body.contains("Mark as complete"));
    assert!(s.body.contains("rel=\"next\""));
    let nested = app.get("/m/culture/nested/child").await;
    assert_eq!(nested.status, StatusCode::OK);
    assert!(nested.body.contains("A child page"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_modules_steps_and_routes_get_a_friendly_404() {
    let mut app = TestApp::new().await;
    for path in [
        "/m/nope",
        "/m/culture/nope",
        "/no/such/page",
        "/m/culture/intro/extra",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.body.contains("Page not found"), "{path}");
        assert!(r.body.contains("Back to all modules"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marking_a_step_complete_persists_and_counts_once() {
    let mut app = TestApp::new().await;
    app.get("/").await;
    for _ in 0..2 {
        let r = app
            .post_form("/api/progress", "module=culture&step=intro&done=true")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM page_progress")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let s = app.get("/m/culture/intro").await;
    assert!(s.body.contains("data-testid=\"completed\""));
    let home = app.get("/").await;
    assert!(home.body.contains("1/6 steps done"));
    assert!(home.body.contains("Continue where you left off"));
    // Undo.
    app.post_form("/api/progress", "module=culture&step=intro&done=false")
        .await;
    let s = app.get("/m/culture/intro").await;
    assert!(!s.body.contains("data-testid=\"completed\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_survives_a_server_restart() {
    let mut app = TestApp::new().await;
    app.get("/").await;
    app.post_form("/api/progress", "module=culture&step=dora&done=true")
        .await;
    let cookie = app.cookie.clone();
    let TestApp { dir, state, .. } = app;
    state.db.close().await;
    let mut again = TestApp::on_db(&fixture_content(), dir).await;
    again.cookie = cookie;
    let s = again.get("/m/culture/dora").await;
    assert!(s.body.contains("data-testid=\"completed\""), "{}", s.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_defaults_from_accept_language_and_the_switch_is_remembered() {
    let mut app = TestApp::new().await;
    let r = app
        .get_with("/m/culture", "accept-language", "vi-VN,vi;q=0.9,en;q=0.5")
        .await;
    assert!(r.body.contains("Văn hóa và DORA"));
    assert!(r.body.contains("lang=\"vi\""));
    app.post_form("/api/lang", "lang=en").await;
    let r = app.get("/m/culture").await;
    assert!(r.body.contains("Culture and DORA"));
    assert!(r.body.contains("Tiếng Việt"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_translation_says_it_is_shown_in_the_other_language() {
    let mut app = TestApp::new().await;
    app.get_with("/", "accept-language", "vi").await;
    let r = app.get("/m/culture/dora").await;
    assert!(r.body.contains("chưa được dịch"), "{}", r.body);
    assert!(r.body.contains("Deployment frequency"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_form_input_gets_a_4xx_with_a_message_and_stores_nothing() {
    let mut app = TestApp::new().await;
    app.get("/").await;
    let cases = [
        ("garbage", StatusCode::BAD_REQUEST, "module"),
        (
            "module=culture&step=intro&done=maybe",
            StatusCode::BAD_REQUEST,
            "true",
        ),
        (
            "module=culture&module=x&step=intro&done=true",
            StatusCode::BAD_REQUEST,
            "module",
        ),
        (
            "module=culture&step=nope&done=true",
            StatusCode::NOT_FOUND,
            "no step",
        ),
    ];
    for (body, status, words) in cases {
        let r = app.post_form("/api/progress", body).await;
        assert_eq!(r.status, status, "{body}: {}", r.body);
        assert!(r.body.contains(words), "{body}: {}", r.body);
    }
    let r = app.post_form("/api/lang", "lang=fr").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .post_bytes("/api/progress", vec![0xff, 0xfe, 0x00])
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM page_progress")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_gets_413_with_a_message() {
    let mut app = TestApp::new().await;
    let r = app
        .post_bytes("/api/progress", vec![b'a'; 1024 * 1024])
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.body.contains("too large"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_traversal_never_leaves_the_content_or_asset_folders() {
    let mut app = TestApp::new().await;
    for path in [
        "/content/../Cargo.toml",
        "/content/culture/..%2F..%2F..%2FCargo.toml",
        "/content/culture/%2e%2e/%2e%2e/Cargo.toml",
        "/pkg/..%2F..%2FCargo.toml",
        "/pkg/../../Cargo.toml",
        "/content/culture/01-intro.md",
        "/content/culture/../culture/images/four%20keys.svg",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!r.body.contains("[workspace]"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn module_images_are_served_with_a_safe_content_type() {
    let mut app = TestApp::new().await;
    let r = app.get("/content/culture/images/four%20keys.svg").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers.get(header::CONTENT_TYPE).unwrap(),
        "image/svg+xml"
    );
    assert!(
        r.headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_page_shows_unavailable_and_the_rest_is_served() {
    let content = TempDir::new("content");
    let m = content.0.join("01-mod");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(m.join("_index.md"), "---\ntitle: Mod\n---\nHello\n").unwrap();
    std::fs::write(m.join("01-bad.md"), b"---\ntitle: Bad\n---\n\xff\xfe\n").unwrap();
    std::fs::write(m.join("02-good.md"), "---\ntitle: Good\n---\nFine text.\n").unwrap();
    let mut app = TestApp::with_content(&content.0).await;
    let bad = app.get("/m/mod/bad").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(
        bad.body.contains("This page is unavailable"),
        "{}",
        bad.body
    );
    let good = app.get("/m/mod/good").await;
    assert!(good.body.contains("Fine text."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers() {
    let mut app = TestApp::new().await;
    let r = app.get("/").await;
    assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(r.headers.get("x-frame-options").unwrap(), "DENY");
}
