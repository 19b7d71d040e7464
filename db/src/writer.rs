//! Group commit for graded submissions.
//!
//! A room of learners answering at once means many small writes, and SQLite has one
//! writer. Handing the write connection from request to request costs more than the
//! writes themselves (each hand-off wakes a task and a connection thread), so one task
//! owns the writes instead: it takes every submission waiting in its queue, stores them
//! in one transaction and answers each request when that transaction has committed. A
//! submission is on disk (in the WAL) before its request is answered.

use crate::{DbError, ItemKind};
use sqlx::{SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

/// Most submissions stored in one transaction.
const MAX_BATCH: usize = 512;

/// One graded answer to store, owned so it can wait in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedSubmission {
    /// Module slug.
    pub module: String,
    /// Question or exercise.
    pub kind: ItemKind,
    /// Quiz id (`""` for exercises).
    pub quiz: String,
    /// Question or exercise id.
    pub item: String,
    /// The answer (JSON or the file).
    pub answer: String,
    /// What the grader said (JSON).
    pub result: String,
    /// Fully correct.
    pub correct: bool,
    /// 0.0 to 1.0.
    pub score: f64,
}

struct Job {
    learner: String,
    rows: Vec<QueuedSubmission>,
    max_attempts: Option<u32>,
    reply: oneshot::Sender<Result<Option<Vec<i64>>, String>>,
}

/// The handle requests use to store submissions.
#[derive(Debug, Clone)]
pub struct SubmissionWriter {
    queue: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("learner", &self.learner)
            .finish()
    }
}

impl SubmissionWriter {
    /// Starts the writer task on `pool` (the one-connection write pool).
    pub fn spawn(pool: SqlitePool) -> SubmissionWriter {
        let (queue, jobs) = mpsc::channel(4096);
        // Its own thread and single-threaded runtime: the writer never competes with
        // request handling for a worker, and its future need not be `Send` (sqlx's
        // generic executors trip rust-lang/rust#100013 inside `tokio::spawn`).
        let spawned = std::thread::Builder::new()
            .name("lab-db-writer".to_owned())
            .spawn(move || {
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime.block_on(run(pool, jobs)),
                    Err(e) => tracing::error!(error = %e, "cannot start the submission writer"),
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the submission writer thread");
        }
        SubmissionWriter { queue }
    }

    /// Stores a learner's submissions together, each as the next attempt of its item:
    /// all of them, or none when one of them has no attempt left (then `Ok(None)`).
    /// Returns the attempt numbers, in order.
    pub async fn submit(
        &self,
        learner: &str,
        rows: Vec<QueuedSubmission>,
        max_attempts: Option<u32>,
    ) -> Result<Option<Vec<i64>>, DbError> {
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

async fn run(pool: SqlitePool, mut jobs: mpsc::Receiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        let mut rows = batch[0].rows.len();
        while rows < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => {
                    rows += job.rows.len();
                    batch.push(job);
                }
                Err(_) => break,
            }
        }
        store_and_reply(&pool, batch).await;
    }
}

/// Stores a batch and answers every job in it.
async fn store_and_reply(pool: &SqlitePool, batch: Vec<Job>) {
    let mut conn = match pool.acquire().await {
        Ok(c) => c,
        Err(e) => return fail(batch, &e.into()),
    };
    let (work, replies): (Vec<Work>, Vec<_>) = batch
        .into_iter()
        .map(|j| ((j.learner, j.rows, j.max_attempts), j.reply))
        .unzip();
    match store(&mut conn, work).await {
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

/// A job without its reply: learner, rows, attempt limit. Owned, so that no borrowed
/// data crosses an `.await` in the spawned task.
type Work = (String, Vec<QueuedSubmission>, Option<u32>);

fn fail(batch: Vec<Job>, e: &DbError) {
    tracing::error!(error = %e, jobs = batch.len(), "storing submissions failed");
    for job in batch {
        let _ = job.reply.send(Err(e.to_string()));
    }
}

/// Stores a batch in one transaction. A job with several rows runs in a savepoint, so
/// that running out of attempts undoes that job only.
async fn store(
    conn: &mut SqliteConnection,
    batch: Vec<Work>,
) -> Result<Vec<Option<Vec<i64>>>, DbError> {
    sqlx::raw_sql("BEGIN").execute(&mut *conn).await?;
    match store_in_transaction(conn, batch).await {
        Ok(outcomes) => {
            sqlx::raw_sql("COMMIT").execute(&mut *conn).await?;
            Ok(outcomes)
        }
        Err(e) => {
            // Keep the connection usable for the next batch.
            let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
            Err(e)
        }
    }
}

async fn store_in_transaction(
    conn: &mut SqliteConnection,
    batch: Vec<Work>,
) -> Result<Vec<Option<Vec<i64>>>, DbError> {
    let mut outcomes = Vec::with_capacity(batch.len());
    for (learner, rows, max_attempts) in batch {
        let several = rows.len() > 1;
        if several {
            sqlx::raw_sql("SAVEPOINT job").execute(&mut *conn).await?;
        }
        let mut attempts = Vec::with_capacity(rows.len());
        for row in &rows {
            let new = crate::NewSubmission {
                item: crate::Item {
                    module: &row.module,
                    kind: row.kind,
                    quiz: &row.quiz,
                    id: &row.item,
                },
                answer: &row.answer,
                result: &row.result,
                correct: row.correct,
                score: row.score,
            };
            let id = uuid::Uuid::new_v4().to_string();
            let stored = crate::submissions::submit_query(&id, &learner, &new, max_attempts)
                .fetch_optional(&mut *conn)
                .await?;
            match stored {
                Some((n,)) => attempts.push(n),
                None => {
                    attempts.clear();
                    break;
                }
            }
        }
        let complete = attempts.len() == rows.len();
        if several {
            let end = if complete {
                "RELEASE job"
            } else {
                "ROLLBACK TO job; RELEASE job"
            };
            sqlx::raw_sql(end).execute(&mut *conn).await?;
        }
        outcomes.push(complete.then_some(attempts));
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: &str, score: f64) -> QueuedSubmission {
        QueuedSubmission {
            module: "m".into(),
            kind: ItemKind::Question,
            quiz: "q".into(),
            item: item.into(),
            answer: "{}".into(),
            result: "{}".into(),
            correct: score >= 1.0,
            score,
        }
    }

    async fn db() -> (crate::Db, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "lab-db-writer-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        let db = crate::connect(&format!("sqlite://{}/w.db", dir.display()))
            .await
            .unwrap();
        (db, dir)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_submissions_all_land_with_distinct_attempts() {
        let (db, dir) = db().await;
        let l = crate::create_learner(&db.write, "en").await.unwrap();
        let mut handles = Vec::new();
        for _ in 0..200 {
            let w = db.submissions.clone();
            let id = l.id.clone();
            handles.push(tokio::spawn(async move {
                w.submit(&id, vec![row("x", 1.0)], None).await
            }));
        }
        let mut attempts = Vec::new();
        for h in handles {
            attempts.extend(h.await.unwrap().unwrap().unwrap());
        }
        attempts.sort_unstable();
        assert_eq!(attempts, (1..=200).collect::<Vec<i64>>());
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_job_out_of_attempts_stores_none_of_its_rows_and_others_are_kept() {
        let (db, dir) = db().await;
        let l = crate::create_learner(&db.write, "en").await.unwrap();
        let w = &db.submissions;
        assert_eq!(
            w.submit(&l.id, vec![row("a", 0.0)], Some(1)).await.unwrap(),
            Some(vec![1])
        );
        // `b` would fit, `a` has no attempt left: neither is stored.
        assert_eq!(
            w.submit(&l.id, vec![row("b", 1.0), row("a", 1.0)], Some(1))
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            w.submit(&l.id, vec![row("b", 1.0)], Some(1)).await.unwrap(),
            Some(vec![1])
        );
        let all = crate::history(&db.read, &l.id, "m", ItemKind::Question, "q")
            .await
            .unwrap();
        assert_eq!(all.len(), 2);
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}
