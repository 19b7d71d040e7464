//! Hands-on exercises over HTTP: the page never carries checks or the solution; files are
//! checked, stored and kept as drafts; hostile files get a clear error and are not
//! counted; reset asks first; the solution opens only as the policy says.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::{TestApp, enc, hands_on, hands_on_file};

const PAGE: &str = "/m/pipelines/practice";

fn form(source: &str, extra: &str) -> String {
    format!(
        "module=pipelines&step=practice&exercise=node-tests-cache&source={}{extra}",
        enc(source)
    )
}

async fn submissions(app: &TestApp) -> i64 {
    app.count("SELECT count(*) FROM submissions WHERE kind = 'exercise'")
        .await
}

async fn app() -> TestApp {
    let mut app = TestApp::with_content(&hands_on()).await;
    app.get(PAGE).await;
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_the_starter_and_never_the_checks_or_the_solution() {
    let mut app = app().await;
    let page = app.get(PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"exercise-node-tests-cache\""));
    assert!(page.body.contains("name=\"source\""));
    assert!(
        page.body.contains("npm install"),
        "the starter is in the editor"
    );
    assert!(page.body.contains("id=\"exercise-harden-node-image\""));
    for secret in [
        "after the unit tests pass",
        "node_modules/**/*",
        "caches-node-modules",
        "must cache",
        "contains_match",
        "no-cache.yml",
    ] {
        assert!(!page.body.contains(secret), "the page leaks `{secret}`");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_check_is_stored_and_the_page_marks_the_failed_lines() {
    let mut app = app().await;
    let r = app
        .post_form("/exercise", &form(&hands_on_file("starter.yml"), ""))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.headers.get(header::LOCATION).unwrap(),
        "/m/pipelines/practice#exercise-node-tests-cache"
    );
    assert_eq!(submissions(&app).await, 1);
    let page = app.get(PAGE).await;
    assert!(page.body.contains("data-status=\"fail\""), "{}", page.body);
    assert!(page.body.contains("Some checks fail."));
    // `npm install` is on line 9 of the starter: the check that wants `npm ci` says so.
    assert!(
        page.body
            .contains("id=\"exercise-node-tests-cache-L9\" class=\"failed\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"#exercise-node-tests-cache-L9\""));
    assert!(
        page.body
            .contains("Use <code>npm ci</code> instead of <code>npm install</code>"),
        "hints are rendered as markdown: {}",
        page.body
    );
    assert!(page.body.contains("Submission 1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_solution_passes_and_counts_as_the_next_attempt() {
    let mut app = app().await;
    app.post_json("/exercise", &form(&hands_on_file("starter.yml"), ""))
        .await;
    let r = app
        .post_json("/exercise", &form(&hands_on_file("solution.yml"), ""))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["result"]["run"]["status"], "pass");
    assert_eq!(v["result"]["attempt"], 2);
    assert_eq!(v["result"]["run"]["points_earned"], 10);
    let correct = app.count("SELECT count(*) FROM submissions WHERE kind = 'exercise' AND correct = 1 AND item_id = 'node-tests-cache'",
    )
    .await;
    assert_eq!(correct, 1);
    let page = app.get(PAGE).await;
    assert!(page.body.contains("All checks pass."));
    assert!(page.body.contains("best: 10/10"), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_autosave_survive_a_reload_and_a_stale_tab_is_refused() {
    let mut app = app().await;
    let text = "version: 0.2\n# my work in progress\n";
    let r = app
        .post_json("/exercise/draft", &form(text, "&revision=0"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("\"revision\":1"), "{}", r.body);
    let page = app.get(PAGE).await;
    assert!(page.body.contains("# my work in progress"));
    assert!(page.body.contains("Reset to starter"));
    // A second tab still at revision 0 saves late.
    let r = app
        .post_json("/exercise/draft", &form("older text", "&revision=0"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("another tab"), "{}", r.body);
    assert!(app.get(PAGE).await.body.contains("# my work in progress"));
    assert_eq!(submissions(&app).await, 0, "a draft is not a submission");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_files_get_a_clear_error_and_only_the_draft_is_kept() {
    let mut app = app().await;
    let bomb = "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let wrong_kind = "FROM node:20\nRUN npm ci\n";
    for (file, why) in [
        (bomb.to_owned(), "alias"),
        (deep, "deep"),
        ("\u{0}\u{1}\u{2}binary".to_owned(), "binary"),
        (wrong_kind.to_owned(), "wrong kind"),
    ] {
        let r = app.post_json("/exercise", &form(&file, "")).await;
        assert_eq!(r.status, StatusCode::OK, "{why}: {}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["result"]["run"]["status"], "error", "{why}: {v}");
        assert!(
            v["result"]["run"]["error"]["message"]
                .as_str()
                .unwrap()
                .len()
                > 10,
            "{why}: {v}"
        );
        assert!(v["result"]["attempt"].is_null(), "{why}: not counted");
    }
    assert_eq!(submissions(&app).await, 0);
    let page = app.get(PAGE).await;
    assert!(
        page.body.contains("The file could not be checked:"),
        "{}",
        page.body
    );
    assert!(page.body.contains("not counted"));
    // Invalid UTF-8 in the form and a file over 256 KB: refused, nothing stored at all.
    let mut bad = b"module=pipelines&step=practice&exercise=node-tests-cache&source=".to_vec();
    bad.extend_from_slice(b"%FF%FE");
    let r = app.post_bytes("/exercise", bad).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("UTF-8"));
    let big = format!("version: 0.2\n#{}\n", "x".repeat(300 * 1024));
    let drafts_before = app.count("SELECT count(*) FROM exercise_drafts").await;
    let r = app.post_json("/exercise", &form(&big, "")).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("up to 256 KB"), "{}", r.body);
    assert_eq!(
        app.count("SELECT count(*) FROM exercise_drafts").await,
        drafts_before
    );
    // A body past the route's limit is refused before it is read, with the limit said.
    let huge = format!("{}{}", form("", ""), "x".repeat(900 * 1024));
    let r = app.post_json("/exercise", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("at most 784 KB"), "{}", r.body);
    assert_eq!(submissions(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_asks_first_without_javascript_then_restores_the_starter() {
    let mut app = app().await;
    app.post_json("/exercise/draft", &form("my own text", "&revision=0"))
        .await;
    let r = app
        .post_form(
            "/exercise/reset",
            "module=pipelines&step=practice&exercise=node-tests-cache&reset=ask",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Reset to starter?"));
    assert!(r.body.contains("name=\"reset\" value=\"yes\""));
    assert!(
        app.get(PAGE).await.body.contains("my own text"),
        "not reset yet"
    );
    let r = app
        .post_form(
            "/exercise/reset",
            "module=pipelines&step=practice&exercise=node-tests-cache&reset=yes",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(PAGE).await;
    assert!(!page.body.contains("my own text"));
    assert!(page.body.contains("npm install"));
    // The results of earlier checks outlive the draft.
    app.post_json("/exercise", &form(&hands_on_file("starter.yml"), ""))
        .await;
    app.post_form(
        "/exercise/reset",
        "module=pipelines&step=practice&exercise=node-tests-cache&reset=yes",
    )
    .await;
    assert!(app.get(PAGE).await.body.contains("Submission 1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_solution_opens_after_three_failed_checks_and_is_recorded() {
    let mut app = app().await;
    let ask = "module=pipelines&step=practice&exercise=node-tests-cache";
    let r = app.post_json("/exercise/solution", ask).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("after 3 checks"), "{}", r.body);
    let page = app.get(PAGE).await;
    assert!(
        page.body.contains("after this many more failed checks: 3"),
        "{}",
        page.body
    );
    for _ in 0..3 {
        app.post_json("/exercise", &form(&hands_on_file("starter.yml"), ""))
            .await;
    }
    let page = app.get(PAGE).await;
    assert!(page.body.contains("Show the solution"));
    assert!(
        !page.body.contains("after the unit tests pass"),
        "offered, not shown"
    );
    let r = app.post_form("/exercise/solution", ask).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(PAGE).await;
    assert!(page.body.contains("Reference solution"));
    assert!(page.body.contains("after the unit tests pass"));
    assert_eq!(
        app.count("SELECT count(*) FROM hint_reveals WHERE kind = 'exercise'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_modules_and_exercises_get_404_with_a_message() {
    let mut app = app().await;
    let r = app
        .post_json(
            "/exercise",
            "module=nope&exercise=node-tests-cache&source=x",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("no module `nope`"));
    let r = app
        .post_json("/exercise", "module=pipelines&exercise=nope&source=x")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("no exercise `nope`"));
    let r = app
        .post_json("/exercise", "module=pipelines&exercise=node-tests-cache")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("`source` is missing"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_completes_once_every_exercise_on_it_passes() {
    let mut app = app().await;
    let done = "SELECT count(*) FROM page_progress WHERE page_slug = 'practice'";
    app.post_json("/exercise", &form(&hands_on_file("solution.yml"), ""))
        .await;
    assert_eq!(app.count(done).await, 0, "one of two exercises passed");
    let docker = std::fs::read_to_string(
        hands_on().join("01-pipelines/exercises/05-harden-node-image/Dockerfile.solution"),
    )
    .unwrap();
    let body = format!(
        "module=pipelines&step=practice&exercise=harden-node-image&source={}",
        enc(&docker)
    );
    let r = app.post_json("/exercise", &body).await;
    assert!(r.body.contains("\"status\":\"pass\""), "{}", r.body);
    assert_eq!(app.count(done).await, 1);
    assert!(
        app.get(PAGE)
            .await
            .body
            .contains("data-testid=\"completed\"")
    );
}
