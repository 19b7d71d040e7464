//! Test helpers: a fresh database and the real router, driven in-process.

#![allow(dead_code, missing_docs, clippy::unwrap_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use devops_lab::{build_router, build_state};
use http_body_util::BodyExt;
use lab_app::ssr::AppState;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

/// Longer than any request takes on a loaded CI machine; short enough to fail fast.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A scratch folder removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("devops-lab-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The content folder with two exercises on one page (module `pipelines`).
pub fn hands_on() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/hands-on")
}

/// A file of its buildspec exercise (`starter.yml`, `solution.yml`, `wrong/...`).
pub fn hands_on_file(name: &str) -> String {
    std::fs::read_to_string(
        hands_on()
            .join("01-pipelines/exercises/01-node-tests-cache")
            .join(name),
    )
    .unwrap()
}

pub fn fixture_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/basic")
}

/// The router on a fresh database, plus a cookie jar of one.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub cookie: Option<String>,
    pub dir: TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_content(&fixture_content()).await
    }

    pub async fn with_content(content: &Path) -> Self {
        let dir = TempDir::new("db");
        Self::on_db(content, dir).await
    }

    /// A router on an existing database folder (a "restart").
    pub async fn on_db(content: &Path, dir: TempDir) -> Self {
        let db = format!("sqlite://{}/lab.db", dir.0.display());
        let state = build_state(&db, content, &dir.0, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
        let router = build_router(state.clone()).await.unwrap();
        TestApp {
            router,
            state,
            cookie: None,
            dir,
        }
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Reply {
        if let Some(c) = &self.cookie {
            req.headers_mut().insert(header::COOKIE, c.parse().unwrap());
        }
        let what = format!("{} {}", req.method(), req.uri());
        // A request that never answers fails its test instead of stalling the whole run.
        let resp: Response<Body> =
            tokio::time::timeout(ANSWER_WITHIN, self.router.clone().oneshot(req))
                .await
                .unwrap_or_else(|_| panic!("{what} did not answer within {ANSWER_WITHIN:?}"))
                .unwrap();
        if let Some(set) = resp.headers().get(header::SET_COOKIE) {
            let pair = set.to_str().unwrap().split(';').next().unwrap().to_owned();
            self.cookie = Some(pair);
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_with(&mut self, path: &str, name: &str, value: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(name, value)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn post_form(&mut self, path: &str, body: &str) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
    }

    /// The number a `SELECT count(*) ...` query gives.
    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&self.state.db.read)
            .await
            .unwrap();
        n
    }

    /// Posts a form asking for JSON, as the hydrated page does.
    pub async fn post_json(&mut self, path: &str, body: &str) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
    }

    pub async fn post_bytes(&mut self, path: &str, body: Vec<u8>) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
