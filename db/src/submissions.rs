//! Graded submissions (quiz answers, exercise solutions) and hint reveals.
//!
//! Every submission is a new row with the next attempt number; the latest and the best
//! score are derived from the rows, never overwritten.

use crate::DbError;
use sqlx::{Executor, Sqlite};

/// What kind of item a submission grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A quiz question.
    Question,
    /// A hands-on exercise.
    Exercise,
}

impl ItemKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ItemKind::Question => "question",
            ItemKind::Exercise => "exercise",
        }
    }
}

/// Which item: the module, the kind, the quiz (empty for exercises) and the item id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<'a> {
    /// Module slug.
    pub module: &'a str,
    /// Question or exercise.
    pub kind: ItemKind,
    /// The quiz id; `""` for exercises.
    pub quiz: &'a str,
    /// Question or exercise id.
    pub id: &'a str,
}

/// A graded submission to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSubmission<'a> {
    /// What was graded.
    pub item: Item<'a>,
    /// The learner's answer (JSON, or the file for exercises).
    pub answer: &'a str,
    /// What the grader said (JSON).
    pub result: &'a str,
    /// Fully correct.
    pub correct: bool,
    /// 0.0 to 1.0.
    pub score: f64,
}

/// A stored submission.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Submission {
    /// Module slug.
    pub module_slug: String,
    /// Quiz id, `""` for exercises.
    pub quiz_id: String,
    /// Question or exercise id.
    pub item_id: String,
    /// 1 for the first submission of this item.
    pub attempt: i64,
    /// The answer as stored.
    pub answer: String,
    /// The grader's result as stored.
    pub result: String,
    /// Fully correct.
    pub correct: bool,
    /// 0.0 to 1.0.
    pub score: f64,
    /// UTC ISO 8601.
    pub submitted_at: String,
}

/// Inserts a submission as the next attempt of its item, unless `?11` attempts are used
/// up; returns the attempt. Parameters: id, learner, module, kind, quiz, item, answer,
/// result, correct, score, limit. Shared by [`submit`] and the group-commit writer.
pub(crate) const NEXT_ATTEMPT: &str = "INSERT INTO submissions
     (id, learner_id, module_slug, kind, quiz_id, item_id, attempt, answer, result, correct, score)
 SELECT ?1, ?2, ?3, ?4, ?5, ?6, n + 1, ?7, ?8, ?9, ?10
 FROM (SELECT coalesce(max(attempt), 0) AS n FROM submissions
       WHERE learner_id = ?2 AND module_slug = ?3 AND kind = ?4 AND quiz_id = ?5 AND item_id = ?6)
 WHERE n < ?11
 RETURNING attempt";

/// Stores a submission as the next attempt, unless `max_attempts` (when set) are used up.
/// Returns the attempt number, or `None` when no attempt is left. One statement, so two
/// concurrent submissions can never share a number or exceed the limit.
pub async fn submit<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    s: &NewSubmission<'_>,
    max_attempts: Option<u32>,
) -> Result<Option<i64>, DbError> {
    let id = uuid::Uuid::new_v4().to_string();
    let limit = max_attempts.map_or(i64::MAX, i64::from);
    let row: Option<(i64,)> = sqlx::query_as(NEXT_ATTEMPT)
        .bind(&id)
        .bind(learner)
        .bind(s.item.module)
        .bind(s.item.kind.as_str())
        .bind(s.item.quiz)
        .bind(s.item.id)
        .bind(s.answer)
        .bind(s.result)
        .bind(s.correct)
        .bind(s.score)
        .bind(limit)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(attempt,)| attempt))
}

/// How many distinct items of a quiz the learner has submitted at least once.
pub async fn items_answered<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    kind: ItemKind,
    quiz: &str,
) -> Result<i64, DbError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM submissions
         WHERE learner_id = ? AND module_slug = ? AND kind = ? AND quiz_id = ? AND attempt = 1",
    )
    .bind(learner)
    .bind(module)
    .bind(kind.as_str())
    .bind(quiz)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// Every submission of a learner for the items of one quiz (or every exercise of a
/// module when `kind` is `Exercise` and `quiz` is `""`), oldest first.
pub async fn history<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    kind: ItemKind,
    quiz: &str,
) -> Result<Vec<Submission>, DbError> {
    Ok(sqlx::query_as::<_, Submission>(
        "SELECT module_slug, quiz_id, item_id, attempt, answer, result, correct, score, submitted_at
         FROM submissions
         WHERE learner_id = ? AND module_slug = ? AND kind = ? AND quiz_id = ?
         ORDER BY item_id, attempt",
    )
    .bind(learner)
    .bind(module)
    .bind(kind.as_str())
    .bind(quiz)
    .fetch_all(db)
    .await?)
}

/// How a learner stands on one exercise: whether a check passed, and how many failed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExerciseTally {
    /// Exercise id.
    pub item_id: String,
    /// Some check passed every test.
    pub passed: bool,
    /// Checks that did not.
    pub failed: i64,
}

/// The learner's tally of every exercise of a module they checked: counts only, without
/// reading the files.
pub async fn exercise_tally<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
) -> Result<Vec<ExerciseTally>, DbError> {
    Ok(sqlx::query_as::<_, ExerciseTally>(
        "SELECT item_id, max(correct) AS passed, sum(1 - correct) AS failed
         FROM submissions
         WHERE learner_id = ? AND module_slug = ? AND kind = 'exercise' AND quiz_id = ''
         GROUP BY item_id",
    )
    .bind(learner)
    .bind(module)
    .fetch_all(db)
    .await?)
}

/// Best and latest score per (module, quiz, item) for a learner, for progress displays.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ItemScore {
    /// Module slug.
    pub module_slug: String,
    /// Quiz id, `""` for exercises.
    pub quiz_id: String,
    /// Question or exercise id.
    pub item_id: String,
    /// Highest score of any attempt.
    pub best: f64,
    /// Score of the latest attempt.
    pub latest: f64,
    /// Attempts made.
    pub attempts: i64,
}

/// Best and latest scores of every item the learner submitted.
pub async fn scores<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
) -> Result<Vec<ItemScore>, DbError> {
    Ok(sqlx::query_as::<_, ItemScore>(
        "SELECT module_slug, quiz_id, item_id, max(score) AS best,
                (SELECT s2.score FROM submissions s2
                 WHERE s2.learner_id = s.learner_id AND s2.module_slug = s.module_slug
                   AND s2.kind = s.kind AND s2.quiz_id = s.quiz_id AND s2.item_id = s.item_id
                 ORDER BY s2.attempt DESC LIMIT 1) AS latest,
                count(*) AS attempts
         FROM submissions s WHERE learner_id = ?
         GROUP BY module_slug, kind, quiz_id, item_id",
    )
    .bind(learner)
    .fetch_all(db)
    .await?)
}

/// Records that the learner revealed hint `index` of an item. Revealing the same hint
/// again keeps the first time.
pub async fn reveal_hint<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    item: Item<'_>,
    index: u32,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO hint_reveals (learner_id, module_slug, kind, quiz_id, item_id, hint_index)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(learner)
    .bind(item.module)
    .bind(item.kind.as_str())
    .bind(item.quiz)
    .bind(item.id)
    .bind(index)
    .execute(db)
    .await?;
    Ok(())
}

/// How many hints of each item of a quiz the learner has revealed: `(item_id, count)`.
pub async fn hints_revealed<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    learner: &str,
    module: &str,
    kind: ItemKind,
    quiz: &str,
) -> Result<Vec<(String, i64)>, DbError> {
    Ok(sqlx::query_as(
        "SELECT item_id, count(*) FROM hint_reveals
         WHERE learner_id = ? AND module_slug = ? AND kind = ? AND quiz_id = ?
         GROUP BY item_id",
    )
    .bind(learner)
    .bind(module)
    .bind(kind.as_str())
    .bind(quiz)
    .fetch_all(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::fresh;

    fn q<'a>(id: &'a str) -> Item<'a> {
        Item {
            module: "culture",
            kind: ItemKind::Question,
            quiz: "check",
            id,
        }
    }

    fn answer<'a>(item: Item<'a>, score: f64) -> NewSubmission<'a> {
        NewSubmission {
            item,
            answer: "{}",
            result: "{}",
            correct: score >= 1.0,
            score,
        }
    }

    #[tokio::test]
    async fn attempts_count_up_and_stop_at_the_limit() {
        let pool = fresh().await;
        let l = crate::create_learner(&pool, "en").await.unwrap();
        let item = q("lead-time");
        assert_eq!(
            submit(&pool, &l.id, &answer(item, 0.0), Some(2))
                .await
                .unwrap(),
            Some(1)
        );
        assert_eq!(
            submit(&pool, &l.id, &answer(item, 1.0), Some(2))
                .await
                .unwrap(),
            Some(2)
        );
        assert_eq!(
            submit(&pool, &l.id, &answer(item, 1.0), Some(2))
                .await
                .unwrap(),
            None
        );
        // Another question has its own count.
        assert_eq!(
            submit(&pool, &l.id, &answer(q("other"), 0.5), Some(2))
                .await
                .unwrap(),
            Some(1)
        );
        assert_eq!(
            history(&pool, &l.id, "culture", ItemKind::Question, "check")
                .await
                .unwrap()
                .len(),
            3
        );
    }

    #[tokio::test]
    async fn the_exercise_tally_counts_passes_and_failures_per_exercise() {
        let pool = fresh().await;
        let l = crate::create_learner(&pool, "en").await.unwrap();
        let ex = |id| Item {
            module: "culture",
            kind: ItemKind::Exercise,
            quiz: "",
            id,
        };
        for (id, score) in [("a", 0.2), ("a", 1.0), ("a", 0.5), ("b", 0.0), ("b", 0.1)] {
            submit(&pool, &l.id, &answer(ex(id), score), None)
                .await
                .unwrap();
        }
        // A quiz answer is not an exercise.
        submit(&pool, &l.id, &answer(q("a"), 0.0), None)
            .await
            .unwrap();
        let mut tally = exercise_tally(&pool, &l.id, "culture").await.unwrap();
        tally.sort_by(|x, y| x.item_id.cmp(&y.item_id));
        let got: Vec<(&str, bool, i64)> = tally
            .iter()
            .map(|t| (t.item_id.as_str(), t.passed, t.failed))
            .collect();
        assert_eq!(got, [("a", true, 2), ("b", false, 2)]);
    }

    #[tokio::test]
    async fn best_and_latest_scores_are_both_kept() {
        let pool = fresh().await;
        let l = crate::create_learner(&pool, "en").await.unwrap();
        for s in [0.5, 1.0, 0.0] {
            submit(&pool, &l.id, &answer(q("x"), s), None)
                .await
                .unwrap();
        }
        let scores = scores(&pool, &l.id).await.unwrap();
        assert_eq!(scores.len(), 1);
        assert_eq!(scores[0].best, 1.0);
        assert_eq!(scores[0].latest, 0.0);
        assert_eq!(scores[0].attempts, 3);
    }

    #[tokio::test]
    async fn hint_reveals_are_recorded_once_each() {
        let pool = fresh().await;
        let l = crate::create_learner(&pool, "en").await.unwrap();
        reveal_hint(&pool, &l.id, q("x"), 0).await.unwrap();
        reveal_hint(&pool, &l.id, q("x"), 0).await.unwrap();
        reveal_hint(&pool, &l.id, q("x"), 1).await.unwrap();
        let n = hints_revealed(&pool, &l.id, "culture", ItemKind::Question, "check")
            .await
            .unwrap();
        assert_eq!(n, vec![("x".to_owned(), 2)]);
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    #[tokio::test]
    #[ignore = "a measurement, run by hand"]
    async fn time_sequential_submissions() {
        let dir = std::env::temp_dir().join(format!("lab-db-timing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let db = crate::connect(&format!("sqlite://{}/t.db", dir.display()))
            .await
            .unwrap();
        let l = crate::create_learner(&db.write, "en").await.unwrap();
        let ids: Vec<String> = (0..1000).map(|i| format!("item-{i}")).collect();
        let n = 3000u32;
        for mode in ["autocommit", "own tx", "one tx"] {
            let t = std::time::Instant::now();
            let mut batch = if mode == "one tx" {
                Some(db.write.begin().await.unwrap())
            } else {
                None
            };
            for i in 0..n as usize {
                let item = Item {
                    module: "m",
                    kind: ItemKind::Question,
                    quiz: mode,
                    id: &ids[i % ids.len()],
                };
                let s = NewSubmission {
                    item,
                    answer: "{}",
                    result: "{}",
                    correct: true,
                    score: 1.0,
                };
                match mode {
                    "autocommit" => {
                        submit(&db.write, &l.id, &s, None).await.unwrap();
                    }
                    "own tx" => {
                        let mut tx = db.write.begin().await.unwrap();
                        submit(&mut *tx, &l.id, &s, None).await.unwrap();
                        tx.commit().await.unwrap();
                    }
                    _ => {
                        let tx = batch.as_mut().unwrap();
                        submit(&mut **tx, &l.id, &s, None).await.unwrap();
                    }
                }
            }
            if let Some(tx) = batch {
                tx.commit().await.unwrap();
            }
            println!("{mode}: {:?} per submission", t.elapsed() / n);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
