//! `POST /quiz` (answers) and `POST /quiz/hint`: graded on the server, stored, and
//! answered with a redirect back to the page (plain forms) or JSON (the hydrated page).
//!
//! Everything is checked before anything is stored: an unknown quiz or question, an
//! option that does not exist, a value of the wrong type, a repeated field, text that is
//! not UTF-8 or too long, or a question with no tries left gets a 4xx with a message and
//! no row.

use crate::form::Form;
use crate::reply::{Refusal, reply, storage, wants_json};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use lab_app::ssr::AppState;
use lab_app::ssr::quiz::{StoredResult, seed};
use lab_core::quiz::{Answer, Question, QuestionKind, Quiz, grade};
use lab_db::{Item, ItemKind, Learner, OwnedSubmission};

/// The page and quiz a form names.
fn find_quiz<'a>(
    state: &'a AppState,
    learner: &Learner,
    form: &Form,
) -> Result<(String, String, &'a Quiz), Refusal> {
    let module = form.required("module")?.to_owned();
    let step = form.required("step")?.to_owned();
    let quiz_id = form.required("quiz")?;
    let lang = lab_app::ssr::learner_lang(learner);
    let quiz = state
        .content
        .quiz(&module, &step, lang, quiz_id)
        .ok_or_else(|| {
            Refusal(
                StatusCode::NOT_FOUND,
                format!("There is no quiz `{quiz_id}` on this page."),
            )
        })?;
    Ok((module, step, quiz))
}

fn back_to(module: &str, step: &str, quiz: &str) -> String {
    format!("{}#quiz-{quiz}", lab_core::content::step_url(module, step))
}

/// `POST /quiz`.
pub async fn submit(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let json = wants_json(&headers);
    reply(json, submit_inner(&state, &learner, &body).await)
}

async fn submit_inner(state: &AppState, learner: &Learner, body: &[u8]) -> Result<String, Refusal> {
    let form = Form::parse(body)?;
    let (module, step, quiz) = find_quiz(state, learner, &form)?;
    // Every answer field must name a question of this quiz.
    for (rest, _) in form.with_prefix("q.") {
        let id = rest.split('.').next().unwrap_or(rest);
        if quiz.question(id).is_none() {
            return Err(Refusal(
                StatusCode::BAD_REQUEST,
                format!("There is no question `{id}` in this quiz."),
            ));
        }
    }
    let only = form.one("only")?;
    let targets: Vec<&Question> = match only {
        Some(id) => vec![quiz.question(id).ok_or_else(|| {
            Refusal(
                StatusCode::BAD_REQUEST,
                format!("There is no question `{id}` in this quiz."),
            )
        })?],
        None => quiz.questions.iter().collect(),
    };
    let seed = seed(&learner.id, &module);
    // "Submit all" sends every input, pre-filled with the last answers: only what the
    // learner changed (or answered for the first time) is graded and uses a try.
    let previous: Vec<(String, Answer)> = if only.is_none() {
        lab_db::history(
            &state.db.read,
            &learner.id,
            &module,
            ItemKind::Question,
            &quiz.id,
        )
        .await
        .map_err(storage)?
        .into_iter()
        .filter_map(|s| {
            let r: StoredResult = serde_json::from_str(&s.result).ok()?;
            Some((s.item_id, r.display))
        })
        .collect()
    } else {
        Vec::new()
    };
    let mut graded = Vec::new();
    for q in targets {
        let perm = q.permutation(&seed, &quiz.id);
        let Some(answer) = read_answer(&form, q)? else {
            if only.is_some() {
                return Err(Refusal(
                    StatusCode::BAD_REQUEST,
                    "Answer the question before checking it.".to_owned(),
                ));
            }
            continue;
        };
        if only.is_none() {
            let last = previous
                .iter()
                .rev()
                .find(|(id, _)| *id == q.id)
                .map(|(_, a)| a);
            // An order question starts filled in, in the shown order (never the right one).
            let untouched = last.is_none()
                && matches!(&answer, Answer::Order(v) if v.iter().enumerate().all(|(i, p)| i == *p));
            if last == Some(&answer) || untouched {
                continue;
            }
        }
        let result = grade(q, &perm, &answer)
            .map_err(|e| Refusal(StatusCode::BAD_REQUEST, e.to_string()))?;
        let authored = to_authored(&answer, &perm);
        graded.push((q, answer, authored, result));
    }
    if graded.is_empty() {
        return Err(Refusal(
            StatusCode::BAD_REQUEST,
            "No answer was given or changed since the last check.".to_owned(),
        ));
    }
    // Serialise everything first, so that the writer is held only for the inserts.
    let mut rows = Vec::with_capacity(graded.len());
    for (q, display, authored, result) in graded {
        let internal = |_| Refusal::internal("internal error");
        let stored = serde_json::to_string(&StoredResult {
            graded: result.clone(),
            display,
        })
        .map_err(internal)?;
        let answer = serde_json::to_string(&authored).map_err(internal)?;
        rows.push(OwnedSubmission {
            module: module.clone(),
            kind: ItemKind::Question,
            quiz: quiz.id.clone(),
            item: q.id.clone(),
            answer,
            result: stored,
            correct: result.correct,
            score: result.score,
        });
    }
    let out_of_tries = || {
        Refusal(
            StatusCode::CONFLICT,
            format!(
                "You have used all {} tries for this question.",
                quiz.attempts.unwrap_or(0)
            ),
        )
    };
    // Several answers are kept together or not at all (group commit: see lab_db's writer).
    let attempts = state
        .db
        .submit_all(&learner.id, rows, quiz.attempts)
        .await
        .map_err(storage)?
        .ok_or_else(out_of_tries)?;
    let first_answer = attempts.contains(&1);
    // Answering every question of every quiz on the page completes the step; only a
    // first answer to some question can make that happen.
    if first_answer {
        let lang = lab_app::ssr::learner_lang(learner);
        let quizzes = state
            .content
            .module(&module)
            .and_then(|m| m.step(&step))
            .map(|(_, page)| page.version(lang).quizzes.as_slice())
            .unwrap_or_default();
        let mut complete = true;
        for q in quizzes {
            let answered = lab_db::items_answered(
                &state.db.read,
                &learner.id,
                &module,
                ItemKind::Question,
                &q.id,
            )
            .await
            .map_err(storage)?;
            complete &= usize::try_from(answered).unwrap_or(0) >= q.questions.len();
        }
        if complete {
            lab_db::mark_complete(&state.db.write, &learner.id, &module, &step)
                .await
                .map_err(storage)?;
        }
    }
    Ok(back_to(&module, &step, &quiz.id))
}

/// `POST /quiz/hint`: reveals the next hint of a question.
pub async fn hint(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let json = wants_json(&headers);
    reply(json, hint_inner(&state, &learner, &body).await)
}

async fn hint_inner(state: &AppState, learner: &Learner, body: &[u8]) -> Result<String, Refusal> {
    let form = Form::parse(body)?;
    let (module, step, quiz) = find_quiz(state, learner, &form)?;
    let id = form.required("hint")?;
    let q = quiz.question(id).ok_or_else(|| {
        Refusal(
            StatusCode::BAD_REQUEST,
            format!("There is no question `{id}` in this quiz."),
        )
    })?;
    let kind = ItemKind::Question;
    let revealed = lab_db::hints_revealed(&state.db.read, &learner.id, &module, kind, &quiz.id)
        .await
        .map_err(storage)?
        .into_iter()
        .find(|(item, _)| item == id)
        .map_or(0, |(_, n)| n);
    let next = usize::try_from(revealed).unwrap_or(usize::MAX);
    if next >= q.hints.len() {
        return Err(Refusal(
            StatusCode::CONFLICT,
            "There are no more hints for this question.".to_owned(),
        ));
    }
    let item = Item {
        module: &module,
        kind,
        quiz: &quiz.id,
        id,
    };
    lab_db::reveal_hint(
        &state.db.write,
        &learner.id,
        item,
        u32::try_from(next).unwrap_or(u32::MAX),
    )
    .await
    .map_err(storage)?;
    Ok(back_to(&module, &step, &quiz.id))
}

fn bad(message: impl Into<String>) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, message.into())
}

fn index(value: &str) -> Result<usize, Refusal> {
    value
        .trim()
        .parse::<usize>()
        .map_err(|_| bad(format!("`{value}` is not an option number.")))
}

/// The learner's answer to `q` from the form, in display positions; `None` when the
/// question was left blank.
fn read_answer(form: &Form, q: &Question) -> Result<Option<Answer>, Refusal> {
    let name = format!("q.{}", q.id);
    Ok(match &q.kind {
        QuestionKind::Single { .. } => match form.one(&name)? {
            None | Some("") => None,
            Some(v) => Some(Answer::Choice(index(v)?)),
        },
        QuestionKind::Multiple { .. } => {
            let values = form.all(&name);
            if values.is_empty() {
                None
            } else {
                Some(Answer::Choices(
                    values.into_iter().map(index).collect::<Result<_, _>>()?,
                ))
            }
        }
        QuestionKind::TrueFalse { .. } => match form.one(&name)? {
            None | Some("") => None,
            Some("true") => Some(Answer::Bool(true)),
            Some("false") => Some(Answer::Bool(false)),
            Some(v) => return Err(bad(format!("`{v}` is not true or false."))),
        },
        QuestionKind::Numeric { .. } => match form.one(&name)? {
            None => None,
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(Answer::Number(v.to_owned())),
        },
        QuestionKind::Text { .. } => match form.one(&name)? {
            None => None,
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(Answer::Text(v.to_owned())),
        },
        QuestionKind::Order { items } => slots(form, &name, items.len())?.map(Answer::Order),
        QuestionKind::Match { pairs } => slots(form, &name, pairs.len())?.map(Answer::Match),
    })
}

/// `q.<id>.0` … `q.<id>.<n-1>`: every slot filled, or none (left blank).
fn slots(form: &Form, name: &str, n: usize) -> Result<Option<Vec<usize>>, Refusal> {
    let prefix = format!("{name}.");
    for (rest, _) in form.with_prefix(&prefix) {
        if rest.parse::<usize>().map_or(true, |i| i >= n) {
            return Err(bad(format!("There is no place `{rest}` in this question.")));
        }
    }
    let values: Vec<Option<&str>> = (0..n)
        .map(|i| form.one(&format!("{prefix}{i}")))
        .collect::<Result<_, _>>()?;
    if values.iter().all(|v| v.is_none_or(str::is_empty)) {
        return Ok(None);
    }
    values
        .into_iter()
        .map(|v| match v {
            Some(v) if !v.is_empty() => index(v),
            _ => Err(bad("Place every item before checking.")),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// The answer with display positions turned into authored indices, for storage and item
/// analysis (the same option has the same number for every learner).
fn to_authored(answer: &Answer, perm: &[usize]) -> Answer {
    let map = |d: &usize| perm.get(*d).copied().unwrap_or(*d);
    match answer {
        Answer::Choice(d) => Answer::Choice(map(d)),
        Answer::Choices(v) => Answer::Choices(v.iter().map(map).collect()),
        Answer::Order(v) => Answer::Order(v.iter().map(map).collect()),
        Answer::Match(v) => Answer::Match(v.iter().map(map).collect()),
        other => other.clone(),
    }
}
