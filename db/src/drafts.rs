//! Exercise drafts: the learner's working copy, autosaved as they type.

use crate::DbError;
use sqlx::{Executor, Sqlite};

/// A saved draft.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Draft {
    /// The file as the learner left it.
    pub source: String,
    /// Saves so far; a save must name the revision it started from.
    pub revision: i64,
    /// The latest check's result (JSON), if the learner checked the exercise.
    pub last_run: Option<String>,
    /// UTC ISO 8601.
    pub updated_at: String,
}

/// What became of a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Stored as this revision.
    At(i64),
    /// Refused: the stored draft is at this newer revision (another tab saved since).
    Stale(i64),
}

/// The learner's draft of an exercise, if they have one.
pub async fn draft<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    exercise: &str,
) -> Result<Option<Draft>, DbError> {
    Ok(sqlx::query_as::<_, Draft>(
        "SELECT source, revision, last_run, updated_at FROM exercise_drafts
         WHERE learner_id = ? AND module_slug = ? AND exercise_id = ?",
    )
    .bind(learner)
    .bind(module)
    .bind(exercise)
    .fetch_optional(db)
    .await?)
}

/// A draft to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewDraft<'a> {
    /// Module slug.
    pub module: &'a str,
    /// Exercise id.
    pub exercise: &'a str,
    /// The file.
    pub source: &'a str,
    /// The revision the editor started from (0 when there was no draft); `None` saves
    /// over whatever is stored (a check, which is the learner's latest word).
    pub base: Option<i64>,
    /// The result of checking this text (JSON), when it was checked; `None` keeps the
    /// stored result.
    pub last_run: Option<&'a str>,
}

/// The learner's drafts of a module's exercises, by exercise id.
pub async fn drafts<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
) -> Result<std::collections::HashMap<String, Draft>, DbError> {
    let rows: Vec<(String, String, i64, Option<String>, String)> = sqlx::query_as(
        "SELECT exercise_id, source, revision, last_run, updated_at FROM exercise_drafts
         WHERE learner_id = ? AND module_slug = ?",
    )
    .bind(learner)
    .bind(module)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, source, revision, last_run, updated_at)| {
            (
                id,
                Draft {
                    source,
                    revision,
                    last_run,
                    updated_at,
                },
            )
        })
        .collect())
}

/// Saves a draft. One statement: with a `base`, the save lands only when `base` is
/// still current, so two tabs cannot silently overwrite each other.
pub async fn save_draft<'e>(
    db: impl Executor<'e, Database = Sqlite> + Copy,
    learner: &str,
    d: &NewDraft<'_>,
) -> Result<Saved, DbError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO exercise_drafts (learner_id, module_slug, exercise_id, source, revision, last_run)
         SELECT ?1, ?2, ?3, ?4, 1, ?6
         WHERE ?5 IS NULL OR ?5 = 0 OR EXISTS (SELECT 1 FROM exercise_drafts
             WHERE learner_id = ?1 AND module_slug = ?2 AND exercise_id = ?3)
         ON CONFLICT (learner_id, module_slug, exercise_id) DO UPDATE
         SET source = excluded.source,
             revision = exercise_drafts.revision + 1,
             last_run = coalesce(excluded.last_run, exercise_drafts.last_run),
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE ?5 IS NULL OR exercise_drafts.revision = ?5
         RETURNING revision",
    )
    .bind(learner)
    .bind(d.module)
    .bind(d.exercise)
    .bind(d.source)
    .bind(d.base)
    .bind(d.last_run)
    .fetch_optional(db)
    .await?;
    match row {
        Some((revision,)) => Ok(Saved::At(revision)),
        None => {
            let current = draft(db, learner, d.module, d.exercise)
                .await?
                .map_or(0, |d| d.revision);
            Ok(Saved::Stale(current))
        }
    }
}

/// Deletes the draft ("reset to starter").
pub async fn delete_draft<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    exercise: &str,
) -> Result<(), DbError> {
    sqlx::query(
        "DELETE FROM exercise_drafts WHERE learner_id = ? AND module_slug = ? AND exercise_id = ?",
    )
    .bind(learner)
    .bind(module)
    .bind(exercise)
    .execute(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::fresh;

    fn nd<'a>(
        module: &'a str,
        exercise: &'a str,
        source: &'a str,
        base: Option<i64>,
    ) -> NewDraft<'a> {
        NewDraft {
            module,
            exercise,
            source,
            base,
            last_run: None,
        }
    }

    async fn learner_on_fresh_db() -> (sqlx::SqlitePool, String) {
        let pool = fresh().await;
        let learner = crate::create_learner(&pool, "en").await.unwrap().id;
        (pool, learner)
    }

    #[tokio::test]
    async fn a_draft_is_saved_read_and_deleted() {
        let (db, learner) = learner_on_fresh_db().await;
        let pool = &db;
        assert_eq!(draft(pool, &learner, "m", "e").await.unwrap(), None);
        assert_eq!(
            save_draft(pool, &learner, &nd("m", "e", "v1", Some(0)))
                .await
                .unwrap(),
            Saved::At(1)
        );
        assert_eq!(
            save_draft(pool, &learner, &nd("m", "e", "v2", Some(1)))
                .await
                .unwrap(),
            Saved::At(2)
        );
        let d = draft(pool, &learner, "m", "e").await.unwrap().unwrap();
        assert_eq!((d.source.as_str(), d.revision), ("v2", 2));
        assert_eq!(draft(pool, &learner, "m", "other").await.unwrap(), None);
        let all = drafts(pool, &learner, "m").await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all["e"].source, "v2");
        assert!(
            drafts(pool, &learner, "other-module")
                .await
                .unwrap()
                .is_empty()
        );
        let checked = NewDraft {
            last_run: Some("{\"status\":\"fail\"}"),
            ..nd("m", "e", "v3", None)
        };
        save_draft(pool, &learner, &checked).await.unwrap();
        // An autosave keeps the result of the last check.
        save_draft(pool, &learner, &nd("m", "e", "v4", Some(3)))
            .await
            .unwrap();
        let d = draft(pool, &learner, "m", "e").await.unwrap().unwrap();
        assert_eq!(d.last_run.as_deref(), Some("{\"status\":\"fail\"}"));
        assert_eq!((d.source.as_str(), d.revision), ("v4", 4));
        delete_draft(pool, &learner, "m", "e").await.unwrap();
        assert_eq!(draft(pool, &learner, "m", "e").await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_save_from_a_stale_revision_is_refused_and_keeps_the_newer_text() {
        let (db, learner) = learner_on_fresh_db().await;
        let pool = &db;
        save_draft(pool, &learner, &nd("m", "e", "tab A", Some(0)))
            .await
            .unwrap();
        save_draft(pool, &learner, &nd("m", "e", "tab A again", Some(1)))
            .await
            .unwrap();
        // Tab B loaded revision 1 and saves late.
        assert_eq!(
            save_draft(pool, &learner, &nd("m", "e", "tab B", Some(1)))
                .await
                .unwrap(),
            Saved::Stale(2)
        );
        let d = draft(pool, &learner, "m", "e").await.unwrap().unwrap();
        assert_eq!(d.source, "tab A again");
        // After a reset elsewhere, an old editor's save is refused too.
        assert_eq!(
            save_draft(pool, &learner, &nd("m", "other", "late", Some(5)))
                .await
                .unwrap(),
            Saved::Stale(0)
        );
        // A submission saves whatever is stored.
        assert_eq!(
            save_draft(pool, &learner, &nd("m", "e", "submitted", None))
                .await
                .unwrap(),
            Saved::At(3)
        );
    }

    #[tokio::test]
    async fn drafts_go_with_their_learner() {
        let (db, learner) = learner_on_fresh_db().await;
        save_draft(&db, &learner, &nd("m", "e", "x", Some(0)))
            .await
            .unwrap();
        sqlx::query("DELETE FROM learners WHERE id = ?")
            .bind(&learner)
            .execute(&db)
            .await
            .unwrap();
        assert_eq!(draft(&db, &learner, "m", "e").await.unwrap(), None);
    }
}
