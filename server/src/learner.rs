//! Sessions and the anonymous learner behind each browser.
//!
//! The first request from a browser creates a learner (language from `Accept-Language`)
//! and stores its id in a tower-sessions session kept in SQLite. Every later request
//! finds the learner again and hands it to handlers as a request extension.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lab_app::ssr::AppState;
use lab_app::ssr::session::LearnerSession;
use lab_core::Lang;
use lab_db::Learner;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, CachingSessionStore, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

/// The session cookie's name.
pub const COOKIE: &str = "lab_session";

/// Self-study learners come back days or weeks later.
const IDLE_DAYS: i64 = 180;

/// Sessions kept in memory; beyond this, some are dropped from memory (not from SQLite).
const CACHED_SESSIONS: usize = 50_000;

/// A bounded in-memory session store, used as the cache of a [`CachingSessionStore`].
#[derive(Debug, Clone)]
pub struct SessionCache {
    records: Arc<Mutex<HashMap<Id, Record>>>,
    capacity: usize,
}

impl SessionCache {
    /// A cache holding at most `capacity` sessions.
    pub fn new(capacity: usize) -> Self {
        SessionCache {
            records: Arc::new(Mutex::new(HashMap::new())),
            capacity,
        }
    }

    fn records(&self) -> std::sync::MutexGuard<'_, HashMap<Id, Record>> {
        // A panic while holding the lock leaves a usable map: recover it.
        self.records.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait::async_trait]
impl SessionStore for SessionCache {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let mut records = self.records();
        if records.len() >= self.capacity && !records.contains_key(&record.id) {
            let now = OffsetDateTime::now_utc();
            records.retain(|_, r| r.expiry_date > now);
            if records.len() >= self.capacity {
                // Still full: forget an arbitrary one; it is reloaded from SQLite if used.
                if let Some(id) = records.keys().next().copied() {
                    records.remove(&id);
                }
            }
        }
        records.insert(record.id, record.clone());
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = OffsetDateTime::now_utc();
        Ok(self
            .records()
            .get(id)
            .filter(|r| r.expiry_date > now)
            .cloned())
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.records().remove(id);
        Ok(())
    }
}

/// Sessions kept in memory (bounded) in front of SQLite: most requests then read no
/// row to find their learner.
pub type Store = CachingSessionStore<SessionCache, SqliteStore>;

/// The session layer: SQLite-backed with an in-memory cache, HttpOnly, SameSite=Lax.
pub async fn session_layer(
    pool: sqlx::SqlitePool,
) -> Result<SessionManagerLayer<Store>, sqlx::Error> {
    let sqlite = SqliteStore::new(pool);
    sqlite.migrate().await?;
    spawn_expired_deletion(sqlite.clone());
    let store = CachingSessionStore::new(SessionCache::new(CACHED_SESSIONS), sqlite);
    Ok(SessionManagerLayer::new(store)
        .with_name(COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        // Secure is added per request by `secure_cookie_over_https`.
        .with_secure(false)
        .with_expiry(Expiry::OnInactivity(Duration::days(IDLE_DAYS))))
}

fn spawn_expired_deletion(store: SqliteStore) {
    use tower_sessions::session_store::ExpiredDeletion;
    tokio::spawn(async move {
        if let Err(e) = store
            .continuously_delete_expired(tokio::time::Duration::from_secs(3600))
            .await
        {
            tracing::warn!(error = %e, "expired session clean-up stopped");
        }
    });
}

/// Finds or creates the learner of this request and puts it in the request extensions.
pub async fn ensure_learner(
    State(state): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let session = LearnerSession(session);
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(Lang::En);
    // The session holds the learner id and language: no database read in the common case.
    let known = match (session.learner_id().await, session.lang().await) {
        (Some(id), Some(lang)) => Ok(Some(Learner {
            id,
            lang: lang.code().to_owned(),
            last_module_slug: None,
            last_page_slug: None,
        })),
        (Some(id), None) => lab_db::learner(&state.db.read, &id).await,
        (None, _) => Ok(None),
    };
    let learner = match known {
        Ok(Some(learner)) => learner,
        Ok(None) => match create(&state, &session, lang).await {
            Ok(learner) => learner,
            Err(resp) => return resp,
        },
        Err(e) => return unavailable(&e),
    };
    req.extensions_mut().insert(learner);
    next.run(req).await
}

async fn create(
    state: &AppState,
    session: &LearnerSession,
    lang: Lang,
) -> Result<Learner, Response> {
    let learner = lab_db::create_learner(&state.db.write, lang.code())
        .await
        .map_err(|e| unavailable(&e))?;
    session.set(&learner.id, lang).await.map_err(|e| {
        tracing::error!(error = %e, "cannot store the session");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "The lab cannot start a session right now. Please try again.",
        )
            .into_response()
    })?;
    Ok(learner)
}

fn unavailable(e: &lab_db::DbError) -> Response {
    tracing::error!(error = %e, "learner lookup failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The lab's database is not answering right now. Please try again in a moment.",
    )
        .into_response()
}

/// Marks the session cookie `Secure` when the request came over https (directly, or
/// through a proxy that says so in `X-Forwarded-Proto`).
pub async fn secure_cookie_over_https(req: Request, next: Next) -> Response {
    let https = req.uri().scheme_str() == Some("https")
        || req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    let mut resp = next.run(req).await;
    if https {
        let cookies: Vec<HeaderValue> = resp
            .headers_mut()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| {
                let s = v.to_str().unwrap_or_default();
                if s.starts_with(COOKIE) && !s.contains("; Secure") {
                    HeaderValue::from_str(&format!("{s}; Secure")).unwrap_or_else(|_| v.clone())
                } else {
                    v.clone()
                }
            })
            .collect();
        resp.headers_mut().remove(header::SET_COOKIE);
        for c in cookies {
            resp.headers_mut().append(header::SET_COOKIE, c);
        }
    }
    resp
}
