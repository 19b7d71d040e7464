//! Storage for DevOps Lab: the SQLite pool, migrations, learners and their progress.
//!
//! Functions take an executor (`&mut SqliteConnection` or the pool), so a caller can put
//! several in one transaction. Queries are checked at run time (`sqlx::query_as`), so
//! building needs no database.

mod dora;
mod drafts;
mod submissions;
mod writer;

pub use dora::{DoraReport, dora_reports, save_dora_report};
pub use drafts::{Draft, NewDraft, Saved, delete_draft, draft, drafts, save_draft};
pub use submissions::{
    ExerciseTally, Item, ItemKind, ItemScore, NewSubmission, Submission, exercise_tally,
    hints_revealed, history, items_answered, reveal_hint, scores, submit,
};
pub use writer::{OwnedSubmission, Stored, SubmissionWriter};

use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Executor, Sqlite, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The migrations in `migrations/`, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Errors from storage.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database said no.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The submission writer failed or stopped.
    #[error("submission writer: {0}")]
    Writer(String),
    /// The database folder could not be created.
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Opens (creating if missing) the database at `url`, tuned for many concurrent
/// learners, and runs the migrations.
///
/// WAL lets readers work while one writer commits; `synchronous=NORMAL` is durable
/// across application crashes in WAL mode; the busy timeout makes concurrent writers
/// wait instead of failing; foreign keys are off by default in SQLite and on here.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let filename = options.get_filename().to_path_buf();
    if let Some(parent) = Path::new(&filename).parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent).map_err(|source| DbError::Folder {
            path: parent.display().to_string(),
            source,
        })?;
    }
    // SQLite has one writer at a time. Writes other than graded submissions queue on this
    // one-connection pool (fairly, in the async runtime); submissions have their own
    // writer thread (`writer.rs`), and SQLite's busy timeout orders the two. Readers use
    // the other pool in parallel.
    // A local file does not drop connections: skip the ping before every acquire.
    let write = SqlitePoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options.clone())
        .await?;
    MIGRATOR.run(&write).await?;
    let read = SqlitePoolOptions::new()
        .max_connections(8)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    // An in-memory database (sqlx names it `file:sqlx-in-memory-N`, shared by its pools)
    // cannot be opened by a second library: submissions then go through the write pool.
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let writer = if in_memory {
        None
    } else {
        Some(SubmissionWriter::start(&filename)?)
    };
    Ok(Db {
        read,
        write,
        writer,
    })
}

/// The database: a pool for reads, a single connection for writes, and the writer of
/// graded submissions.
#[derive(Debug, Clone)]
pub struct Db {
    /// For queries that only read.
    pub read: SqlitePool,
    /// For every statement that writes (one connection: SQLite has one writer).
    pub write: SqlitePool,
    /// Stores graded submissions with group commit (file databases).
    pub writer: Option<SubmissionWriter>,
}

impl Db {
    /// Stores a learner's submissions together, each as the next attempt of its item:
    /// all of them, or none (`Ok(None)`) when one has no attempt left under
    /// `max_attempts`. Returns the attempt numbers in order.
    pub async fn submit_all(
        &self,
        learner: &str,
        rows: Vec<OwnedSubmission>,
        max_attempts: Option<u32>,
    ) -> Result<Stored, DbError> {
        if let Some(writer) = &self.writer {
            return writer.submit(learner, rows, max_attempts).await;
        }
        let mut tx = self.write.begin().await?;
        let mut attempts = Vec::with_capacity(rows.len());
        for r in &rows {
            let new = NewSubmission {
                item: Item {
                    module: &r.module,
                    kind: r.kind,
                    quiz: &r.quiz,
                    id: &r.item,
                },
                answer: &r.answer,
                result: &r.result,
                correct: r.correct,
                score: r.score,
            };
            match submit(&mut *tx, learner, &new, max_attempts).await? {
                Some(a) => attempts.push(a),
                None => return Ok(None),
            }
        }
        tx.commit().await?;
        Ok(Some(attempts))
    }

    /// Closes both pools.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// Answers when the database answers.
pub async fn ping(pool: &SqlitePool) -> Result<(), DbError> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}

/// A learner as the rest of the app sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Learner {
    /// UUID text.
    pub id: String,
    /// `en` or `vi`.
    pub lang: String,
    /// Module of the last step opened.
    pub last_module_slug: Option<String>,
    /// The last step opened.
    pub last_page_slug: Option<String>,
}

/// Creates an anonymous learner with a fresh id.
pub async fn create_learner<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    lang: &str,
) -> Result<Learner, DbError> {
    let id = uuid::Uuid::new_v4().to_string();
    let learner = sqlx::query_as::<_, Learner>(
        "INSERT INTO learners (id, lang) VALUES (?, ?)
         RETURNING id, lang, last_module_slug, last_page_slug",
    )
    .bind(&id)
    .bind(lang)
    .fetch_one(db)
    .await?;
    Ok(learner)
}

/// Finds a learner by id.
pub async fn learner<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    id: &str,
) -> Result<Option<Learner>, DbError> {
    Ok(sqlx::query_as::<_, Learner>(
        "SELECT id, lang, last_module_slug, last_page_slug FROM learners WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Remembers the learner's language.
pub async fn set_lang<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    id: &str,
    lang: &str,
) -> Result<(), DbError> {
    sqlx::query("UPDATE learners SET lang = ? WHERE id = ?")
        .bind(lang)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Remembers the last step opened, for "continue where you left off".
pub async fn record_visit<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    id: &str,
    module: &str,
    page: &str,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE learners SET last_module_slug = ?, last_page_slug = ?,
         last_seen_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
    )
    .bind(module)
    .bind(page)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a page complete; marking again keeps the first completion time.
pub async fn mark_complete<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    page: &str,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO page_progress (learner_id, module_slug, page_slug) VALUES (?, ?, ?)
         ON CONFLICT (learner_id, module_slug, page_slug) DO NOTHING",
    )
    .bind(learner)
    .bind(module)
    .bind(page)
    .execute(db)
    .await?;
    Ok(())
}

/// Clears a page's completion.
pub async fn mark_incomplete<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    page: &str,
) -> Result<(), DbError> {
    sqlx::query(
        "DELETE FROM page_progress WHERE learner_id = ? AND module_slug = ? AND page_slug = ?",
    )
    .bind(learner)
    .bind(module)
    .bind(page)
    .execute(db)
    .await?;
    Ok(())
}

/// A completed page.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Completion {
    /// Module slug.
    pub module_slug: String,
    /// Page slug.
    pub page_slug: String,
    /// When, UTC ISO 8601.
    pub completed_at: String,
}

/// Every page the learner completed.
pub async fn completions<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
) -> Result<Vec<Completion>, DbError> {
    Ok(sqlx::query_as::<_, Completion>(
        "SELECT module_slug, page_slug, completed_at FROM page_progress WHERE learner_id = ?",
    )
    .bind(learner)
    .fetch_all(db)
    .await?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) async fn fresh() -> SqlitePool {
        // A private in-memory database per test, migrated like the real one.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&pool)
            .await
            .unwrap();
        MIGRATOR.run(&pool).await.unwrap();
        pool
    }

    #[tokio::test]
    async fn marking_a_page_twice_stores_one_record_with_the_first_time() {
        let pool = fresh().await;
        let l = create_learner(&pool, "en").await.unwrap();
        mark_complete(&pool, &l.id, "culture", "intro")
            .await
            .unwrap();
        let first = completions(&pool, &l.id).await.unwrap();
        mark_complete(&pool, &l.id, "culture", "intro")
            .await
            .unwrap();
        let second = completions(&pool, &l.id).await.unwrap();
        assert_eq!(second.len(), 1);
        assert_eq!(first, second);
    }

    #[tokio::test]
    async fn progress_needs_an_existing_learner() {
        let pool = fresh().await;
        let err = mark_complete(&pool, "nobody", "m", "p").await;
        assert!(err.is_err());
    }

    #[tokio::test]
    async fn language_and_last_visit_are_remembered() {
        let pool = fresh().await;
        let l = create_learner(&pool, "en").await.unwrap();
        set_lang(&pool, &l.id, "vi").await.unwrap();
        record_visit(&pool, &l.id, "culture", "dora").await.unwrap();
        let back = learner(&pool, &l.id).await.unwrap().unwrap();
        assert_eq!(back.lang, "vi");
        assert_eq!(back.last_page_slug.as_deref(), Some("dora"));
    }

    #[tokio::test]
    async fn an_unknown_language_is_refused_by_the_schema() {
        let pool = fresh().await;
        assert!(create_learner(&pool, "xx").await.is_err());
    }

    #[tokio::test]
    async fn unmarking_removes_the_completion() {
        let pool = fresh().await;
        let l = create_learner(&pool, "en").await.unwrap();
        mark_complete(&pool, &l.id, "m", "p").await.unwrap();
        mark_incomplete(&pool, &l.id, "m", "p").await.unwrap();
        assert!(completions(&pool, &l.id).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn connect_creates_the_folder_and_file() {
        let dir = std::env::temp_dir().join(format!("lab-db-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let url = format!("sqlite://{}/nested/lab.db", dir.display());
        let db = connect(&url).await.unwrap();
        ping(&db.read).await.unwrap();
        assert!(dir.join("nested/lab.db").exists());
        db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
