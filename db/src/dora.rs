//! DORA reports a learner chose to keep: the computed figures only.

use crate::DbError;
use sqlx::{Executor, Sqlite};

/// A kept report.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DoraReport {
    /// The figures, as JSON.
    pub metrics: String,
    /// UTC ISO 8601.
    pub created_at: String,
}

/// Keeps a report's figures (JSON) for the learner.
pub async fn save_dora_report<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    metrics_json: &str,
) -> Result<(), DbError> {
    sqlx::query("INSERT INTO dora_reports (id, learner_id, metrics) VALUES (?, ?, ?)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(learner)
        .bind(metrics_json)
        .execute(db)
        .await?;
    Ok(())
}

/// The learner's kept reports, newest first, at most `limit`.
pub async fn dora_reports<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    limit: u32,
) -> Result<Vec<DoraReport>, DbError> {
    Ok(sqlx::query_as::<_, DoraReport>(
        "SELECT metrics, created_at FROM dora_reports WHERE learner_id = ?
         ORDER BY created_at DESC, rowid DESC LIMIT ?",
    )
    .bind(learner)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::fresh;

    #[tokio::test]
    async fn reports_are_kept_per_learner_newest_first() {
        let pool = fresh().await;
        let a = crate::create_learner(&pool, "en").await.unwrap().id;
        let b = crate::create_learner(&pool, "vi").await.unwrap().id;
        save_dora_report(&pool, &a, "{\"n\":1}").await.unwrap();
        save_dora_report(&pool, &a, "{\"n\":2}").await.unwrap();
        save_dora_report(&pool, &b, "{\"n\":3}").await.unwrap();
        let mine = dora_reports(&pool, &a, 10).await.unwrap();
        let figures: Vec<&str> = mine.iter().map(|r| r.metrics.as_str()).collect();
        assert_eq!(figures, ["{\"n\":2}", "{\"n\":1}"]);
        assert_eq!(dora_reports(&pool, &a, 1).await.unwrap().len(), 1);
        assert_eq!(dora_reports(&pool, &b, 10).await.unwrap().len(), 1);
    }
}
