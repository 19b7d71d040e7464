//! Group commit for graded submissions.
//!
//! A room of learners answering at once means many small writes, and SQLite has one
//! writer. Measured on the 2-core machine, handing sqlx's write connection from request
//! to request cost far more than the writes: every statement is a round trip to the
//! connection's own thread, and the server spent most of its time switching threads.
//! So one thread owns a plain SQLite connection for submissions: it takes every job
//! waiting in its queue, stores them all in one transaction (a savepoint per job, so a
//! job that runs out of tries is undone alone) and answers each request after the
//! commit. A submission is in the WAL before its request is answered.
//!
//! Other writes (progress, drafts, learners) stay on the sqlx pool; SQLite's busy
//! timeout orders the two writers.

use crate::{DbError, ItemKind};
use std::path::Path;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Most jobs stored in one transaction.
const MAX_BATCH: usize = 256;

/// Jobs that may wait; more make requests wait to queue (back-pressure).
const QUEUE: usize = 4096;

/// One graded answer to store, owned so that it can wait in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedSubmission {
    /// Module slug.
    pub module: String,
    /// Question or exercise.
    pub kind: ItemKind,
    /// Quiz id (`""` for exercises).
    pub quiz: String,
    /// Question or exercise id.
    pub item: String,
    /// The answer (JSON, or the file for exercises).
    pub answer: String,
    /// What the grader said (JSON).
    pub result: String,
    /// Fully correct.
    pub correct: bool,
    /// 0.0 to 1.0.
    pub score: f64,
}

/// What became of a job: the attempt numbers in order, or `None` when one of its items
/// had no attempt left (and nothing of the job was stored).
pub type Stored = Option<Vec<i64>>;

struct Job {
    learner: String,
    rows: Vec<OwnedSubmission>,
    max_attempts: Option<u32>,
    reply: oneshot::Sender<Result<Stored, String>>,
}

/// The handle requests use to store submissions. Cloning it is cheap; the writer thread
/// ends when the last handle is dropped.
#[derive(Debug, Clone)]
pub struct SubmissionWriter {
    queue: mpsc::Sender<Job>,
}

impl SubmissionWriter {
    /// Opens a connection to the database file at `path` (already created and migrated)
    /// and starts the writer thread.
    pub fn start(path: &Path) -> Result<SubmissionWriter, DbError> {
        let conn = open(path).map_err(|e| DbError::Writer(e.to_string()))?;
        let (queue, jobs) = mpsc::channel(QUEUE);
        std::thread::Builder::new()
            .name("lab-db-writer".to_owned())
            .spawn(move || run(conn, jobs))
            .map_err(|e| DbError::Writer(format!("cannot start the writer thread: {e}")))?;
        Ok(SubmissionWriter { queue })
    }

    /// Stores a learner's submissions together, each as the next attempt of its item:
    /// all of them, or none when one has no attempt left under `max_attempts`.
    pub async fn submit(
        &self,
        learner: &str,
        rows: Vec<OwnedSubmission>,
        max_attempts: Option<u32>,
    ) -> Result<Stored, DbError> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            learner: learner.to_owned(),
            rows,
            max_attempts,
            reply,
        };
        let stopped = || DbError::Writer("the submission writer has stopped".to_owned());
        self.queue.send(job).await.map_err(|_| stopped())?;
        answer
            .await
            .map_err(|_| stopped())?
            .map_err(DbError::Writer)
    }
}

fn open(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // As the sqlx pool sets them (WAL is a property of the file, set at connect).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

fn run(mut conn: rusqlite::Connection, mut jobs: mpsc::Receiver<Job>) {
    while let Some(first) = jobs.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (work, replies): (Vec<_>, Vec<_>) = batch
            .into_iter()
            .map(|j| ((j.learner, j.rows, j.max_attempts), j.reply))
            .unzip();
        match store(&mut conn, &work) {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, jobs = replies.len(), "storing submissions failed");
                for reply in replies {
                    let _ = reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

type Work = (String, Vec<OwnedSubmission>, Option<u32>);

/// Stores every job in one transaction; one outcome per job. Each job has a savepoint,
/// so that running out of tries undoes that job alone.
fn store(conn: &mut rusqlite::Connection, work: &[Work]) -> rusqlite::Result<Vec<Stored>> {
    use rusqlite::OptionalExtension;
    let mut tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(work.len());
    for (learner, rows, max_attempts) in work {
        let limit = max_attempts.map_or(i64::MAX, i64::from);
        let job = tx.savepoint()?;
        let mut attempts = Vec::with_capacity(rows.len());
        {
            let mut insert = job.prepare_cached(crate::submissions::NEXT_ATTEMPT)?;
            for r in rows {
                let id = uuid::Uuid::new_v4().to_string();
                let params = rusqlite::params![
                    id,
                    learner,
                    r.module,
                    r.kind.as_str(),
                    r.quiz,
                    r.item,
                    r.answer,
                    r.result,
                    r.correct,
                    r.score,
                    limit
                ];
                match insert.query_row(params, |row| row.get(0)).optional()? {
                    Some(attempt) => attempts.push(attempt),
                    None => break,
                }
            }
        }
        if attempts.len() == rows.len() {
            job.commit()?;
            outcomes.push(Some(attempts));
        } else {
            // Dropping the savepoint rolls the job back.
            drop(job);
            outcomes.push(None);
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: &str) -> OwnedSubmission {
        OwnedSubmission {
            module: "culture".into(),
            kind: ItemKind::Question,
            quiz: "check".into(),
            item: item.into(),
            answer: "{}".into(),
            result: "{}".into(),
            correct: false,
            score: 0.0,
        }
    }

    async fn file_db() -> (crate::Db, String, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "lab-db-writer-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        let db = crate::connect(&format!("sqlite://{}/lab.db", dir.display()))
            .await
            .unwrap();
        let learner = crate::create_learner(&db.write, "en").await.unwrap().id;
        (db, learner, dir)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_jobs_get_distinct_attempts_and_stop_at_the_limit() {
        let (db, learner, dir) = file_db().await;
        let writer = db.writer.clone().unwrap();
        let mut tasks = Vec::new();
        for _ in 0..40 {
            let (w, l) = (writer.clone(), learner.clone());
            tasks.push(tokio::spawn(async move {
                w.submit(&l, vec![row("q1")], Some(25)).await.unwrap()
            }));
        }
        let mut got: Vec<i64> = Vec::new();
        let mut refused = 0;
        for t in tasks {
            match t.await.unwrap() {
                Some(a) => got.extend(a),
                None => refused += 1,
            }
        }
        got.sort_unstable();
        assert_eq!(got, (1..=25).collect::<Vec<i64>>());
        assert_eq!(refused, 15);
        let stored = crate::history(&db.read, &learner, "culture", ItemKind::Question, "check")
            .await
            .unwrap();
        assert_eq!(stored.len(), 25);
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_in_memory_database_stores_submissions_through_its_pool() {
        let db = crate::connect("sqlite::memory:").await.unwrap();
        assert!(db.writer.is_none());
        let learner = crate::create_learner(&db.write, "en").await.unwrap().id;
        let rows = vec![row("q1"), row("q2")];
        assert_eq!(
            db.submit_all(&learner, rows.clone(), Some(1))
                .await
                .unwrap(),
            Some(vec![1, 1])
        );
        assert_eq!(db.submit_all(&learner, rows, Some(1)).await.unwrap(), None);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_job_out_of_tries_stores_none_of_its_rows() {
        let (db, learner, dir) = file_db().await;
        let writer = db.writer.clone().unwrap();
        assert_eq!(
            writer
                .submit(&learner, vec![row("q2")], Some(1))
                .await
                .unwrap(),
            Some(vec![1])
        );
        // q1 still has its try, q2 has none: the job is refused whole.
        assert_eq!(
            writer
                .submit(&learner, vec![row("q1"), row("q2")], Some(1))
                .await
                .unwrap(),
            None
        );
        let stored = crate::history(&db.read, &learner, "culture", ItemKind::Question, "check")
            .await
            .unwrap();
        assert_eq!(stored.len(), 1, "q1 was not kept: {stored:?}");
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }
}
