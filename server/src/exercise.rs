//! The exercise endpoints, plain form posts that the hydrated page also sends with
//! `fetch` (asking for JSON):
//!
//! - `POST /exercise`: check the file. A file the checker can read is a submission,
//!   stored with its result (and once every exercise of the page has passed, the page
//!   is complete); a file it cannot read (too big, binary, broken YAML, an
//!   alias bomb, the wrong kind of document) gets its error and is not counted. Either
//!   way the text is kept as the learner's draft with the result.
//! - `POST /exercise/draft`: autosave. Refused with 409 when another tab saved since.
//! - `POST /exercise/reset`: back to the starter. Without JavaScript the server asks first.
//! - `POST /exercise/solution`: show the reference solution, once the policy allows.
//!
//! Nothing a learner writes is ever run: it is parsed and read by the checkers only.

use crate::form::Form;
use crate::reply::{Refusal, reply_with, storage, wants_json};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use lab_app::ssr::AppState;
use lab_app::ssr::exercise::StoredRun;
use lab_core::content::step_url;
use lab_core::exercise::{self, Exercise, Status};
use lab_db::{Item, ItemKind, Learner, NewDraft, OwnedSubmission, Saved};
use serde_json::json;

/// Largest request body of these endpoints: a 256 KB file, form-encoded (up to three
/// bytes per byte), plus the other fields.
pub const MAX_BODY: usize = 3 * MAX_FILE + 16 * 1024;

/// The exercise file limit, in bytes.
const MAX_FILE: usize = exercise::MAX_FILE_BYTES as usize;

type Outcome = Result<(String, serde_json::Value), Refusal>;

/// The module, exercise and page a form names.
struct Target<'a> {
    module: String,
    ex: &'a Exercise,
    /// The page that shows the exercise, when there is one.
    step: Option<String>,
    /// Where to send the learner back: that page.
    back: String,
}

fn target<'a>(state: &'a AppState, learner: &Learner, form: &Form) -> Result<Target<'a>, Refusal> {
    let module = form.required("module")?.to_owned();
    let id = form.required("exercise")?;
    let m = state.content.module(&module).ok_or_else(|| {
        Refusal(
            StatusCode::NOT_FOUND,
            format!("There is no module `{module}`."),
        )
    })?;
    let ex = m.exercise(id).ok_or_else(|| {
        Refusal(
            StatusCode::NOT_FOUND,
            format!("There is no exercise `{id}` in this module."),
        )
    })?;
    let lang = lab_app::ssr::learner_lang(learner);
    // The page the form came from, when it names one that shows the exercise.
    let step = form
        .one("step")?
        .filter(|s| {
            m.step(s).is_some_and(|(_, p)| {
                p.versions
                    .iter()
                    .any(|v| v.exercises.iter().any(|e| e == id))
            })
        })
        .or_else(|| m.exercise_step(id, lang))
        .or_else(|| m.exercise_step(id, lang.other()));
    let back = match step {
        Some(step) => format!("{}#exercise-{id}", step_url(&m.slug, step)),
        None => lab_core::content::module_url(&m.slug),
    };
    Ok(Target {
        module,
        ex,
        step: step.map(str::to_owned),
        back,
    })
}

/// The file from the form, refused when it is over the exercise file limit.
fn source(form: &Form) -> Result<&str, Refusal> {
    let src = form.required("source")?;
    if src.len() > MAX_FILE {
        return Err(Refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "Your file is {} KB; the lab checks files up to {} KB. Nothing was saved.",
                src.len().div_ceil(1024),
                MAX_FILE / 1024
            ),
        ));
    }
    Ok(src)
}

fn item<'a>(module: &'a str, ex: &'a Exercise) -> Item<'a> {
    Item {
        module,
        kind: ItemKind::Exercise,
        quiz: "",
        id: &ex.id,
    }
}

/// `POST /exercise`.
pub async fn submit(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply_with(
        wants_json(&headers),
        submit_inner(&state, &learner, &body).await,
    )
}

async fn submit_inner(state: &AppState, learner: &Learner, body: &[u8]) -> Outcome {
    let form = Form::parse(body)?;
    let t = target(state, learner, &form)?;
    let src = source(&form)?;
    let lang = lab_app::ssr::learner_lang(learner);
    let run = check_off_the_runtime(state, &t, src, lang).await?;
    let attempt = if run.status == Status::Error {
        // Unreadable: shown, kept with the draft, never counted as a try.
        None
    } else {
        let result = serde_json::to_string(&run).map_err(|_| {
            Refusal::internal("The lab could not record this check. Please try again.")
        })?;
        let row = OwnedSubmission {
            module: t.module.clone(),
            kind: ItemKind::Exercise,
            quiz: String::new(),
            item: t.ex.id.clone(),
            answer: src.to_owned(),
            result,
            correct: run.status == Status::Pass,
            score: run.score,
        };
        let stored = state
            .db
            .submit_all(&learner.id, vec![row], None)
            .await
            .map_err(storage)?;
        stored
            .and_then(|a| a.first().copied())
            .and_then(|n| u32::try_from(n).ok())
    };
    if run.status == Status::Pass {
        complete_page_when_all_pass(state, learner, &t).await?;
    }
    let stored = StoredRun { run, attempt };
    let stored_json = serde_json::to_string(&stored)
        .map_err(|_| Refusal::internal("The lab could not record this check. Please try again."))?;
    let draft = NewDraft {
        module: &t.module,
        exercise: &t.ex.id,
        source: src,
        base: None,
        last_run: Some(&stored_json),
    };
    let revision = match lab_db::save_draft(&state.db.write, &learner.id, &draft)
        .await
        .map_err(storage)?
    {
        Saved::At(r) | Saved::Stale(r) => r,
    };
    let body = json!({ "ok": true, "revision": revision, "result": stored });
    Ok((t.back, body))
}

/// Longest a check may take. Inputs are bounded (256 KB, nesting depth, alias
/// expansion), so a real check takes milliseconds; this is the backstop.
const CHECK_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Runs the checker on a blocking thread, so that a large file never holds up the
/// threads serving everyone else's requests, within [`CHECK_TIME`].
async fn check_off_the_runtime(
    state: &AppState,
    t: &Target<'_>,
    src: &str,
    lang: lab_core::Lang,
) -> Result<exercise::CheckRun, Refusal> {
    let content = state.content.clone();
    let (module, id, src) = (t.module.clone(), t.ex.id.clone(), src.to_owned());
    let work = tokio::task::spawn_blocking(move || {
        let ex = content.module(&module).and_then(|m| m.exercise(&id))?;
        Some(exercise::check(ex, &src, lang))
    });
    match tokio::time::timeout(CHECK_TIME, work).await {
        Ok(Ok(Some(run))) => Ok(run),
        Ok(Ok(None) | Err(_)) => Err(Refusal::internal(
            "The lab could not record this check. Please try again.",
        )),
        Err(_) => Err(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Checking your file took longer than {} seconds, so it was stopped. Nothing was saved; try a smaller file.",
                CHECK_TIME.as_secs()
            ),
        )),
    }
}

/// Marks the exercise's page complete once every exercise on it has passed, as a quiz
/// does once every question is answered.
async fn complete_page_when_all_pass(
    state: &AppState,
    learner: &Learner,
    t: &Target<'_>,
) -> Result<(), Refusal> {
    let Some(step) = t.step.as_deref() else {
        return Ok(());
    };
    let Some((_, page)) = state.content.module(&t.module).and_then(|m| m.step(step)) else {
        return Ok(());
    };
    let lang = lab_app::ssr::learner_lang(learner);
    // The writer answered after its commit, so the read pool sees this check.
    let tally = lab_db::exercise_tally(&state.db.read, &learner.id, &t.module)
        .await
        .map_err(storage)?;
    let all_pass = page
        .version(lang)
        .exercises
        .iter()
        .all(|id| tally.iter().any(|e| e.item_id == *id && e.passed));
    if all_pass {
        lab_db::mark_complete(&state.db.write, &learner.id, &t.module, step)
            .await
            .map_err(storage)?;
    }
    Ok(())
}

/// `POST /exercise/draft`.
pub async fn draft(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply_with(
        wants_json(&headers),
        draft_inner(&state, &learner, &body).await,
    )
}

async fn draft_inner(state: &AppState, learner: &Learner, body: &[u8]) -> Outcome {
    let form = Form::parse(body)?;
    let t = target(state, learner, &form)?;
    let src = source(&form)?;
    let base = match form.one("revision")? {
        None | Some("") => None,
        Some(r) => Some(r.parse::<i64>().ok().filter(|r| *r >= 0).ok_or_else(|| {
            Refusal(
                StatusCode::BAD_REQUEST,
                format!("`revision` must be a whole number, not `{r}`."),
            )
        })?),
    };
    let draft = NewDraft {
        module: &t.module,
        exercise: &t.ex.id,
        source: src,
        base,
        last_run: None,
    };
    match lab_db::save_draft(&state.db.write, &learner.id, &draft)
        .await
        .map_err(storage)?
    {
        Saved::At(revision) => Ok((t.back, json!({ "ok": true, "revision": revision }))),
        Saved::Stale(_) => Err(Refusal(
            StatusCode::CONFLICT,
            "This exercise was changed in another tab or window since this page was loaded. Reload the page to continue from the latest version.".to_owned(),
        )),
    }
}

/// `POST /exercise/reset`.
pub async fn reset(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let json = wants_json(&headers);
    let form = match Form::parse(&body) {
        Ok(f) => f,
        Err(e) => return reply_with(json, Err(e.into())),
    };
    let confirmed = matches!(form.one("reset"), Ok(Some("yes")));
    if !confirmed && !json {
        return confirm_page(&state, &learner, &form);
    }
    reply_with(json, reset_inner(&state, &learner, &form).await)
}

async fn reset_inner(state: &AppState, learner: &Learner, form: &Form) -> Outcome {
    let t = target(state, learner, form)?;
    lab_db::delete_draft(&state.db.write, &learner.id, &t.module, &t.ex.id)
        .await
        .map_err(storage)?;
    Ok((t.back, json!({ "ok": true })))
}

/// Without JavaScript, "Reset to starter" asks on a page of its own first.
fn confirm_page(state: &AppState, learner: &Learner, form: &Form) -> Response {
    let t = match target(state, learner, form) {
        Ok(t) => t,
        Err(e) => return reply_with(false, Err(e)),
    };
    let lang = lab_app::ssr::learner_lang(learner);
    let esc = lab_core::content::shortcode::escape;
    let (title, question, yes, no) = match lang {
        lab_core::Lang::En => (
            "Reset to starter?",
            "Your file will be replaced by the starter. Your submissions and results are kept.",
            "Yes, reset my file",
            "No, go back",
        ),
        lab_core::Lang::Vi => (
            "Quay về file ban đầu?",
            "File của bạn sẽ được thay bằng file ban đầu. Các lần nộp và kết quả vẫn được giữ.",
            "Đồng ý, đặt lại file",
            "Không, quay lại",
        ),
    };
    let body = format!(
        "<p>{question}</p><form method=\"post\" action=\"/exercise/reset\"><input type=\"hidden\" name=\"module\" value=\"{module}\"><input type=\"hidden\" name=\"exercise\" value=\"{id}\"><input type=\"hidden\" name=\"step\" value=\"{step}\"><button type=\"submit\" class=\"button primary\" name=\"reset\" value=\"yes\">{yes}</button> <a class=\"button\" href=\"{back}\">{no}</a></form>",
        module = esc(&t.module),
        id = esc(&t.ex.id),
        step = esc(t.step.as_deref().unwrap_or_default()),
        back = esc(&t.back),
    );
    crate::reply::page(Some(lang), title, &body).into_response()
}

/// `POST /exercise/solution`.
pub async fn solution(
    State(state): State<AppState>,
    Extension(learner): Extension<Learner>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply_with(
        wants_json(&headers),
        solution_inner(&state, &learner, &body).await,
    )
}

async fn solution_inner(state: &AppState, learner: &Learner, body: &[u8]) -> Outcome {
    let form = Form::parse(body)?;
    let t = target(state, learner, &form)?;
    let Some(after) = t.ex.policy.after_failed else {
        return Err(Refusal(
            StatusCode::FORBIDDEN,
            "This exercise does not show its solution; the hints of failed checks lead the way."
                .to_owned(),
        ));
    };
    let failed = lab_db::exercise_tally(&state.db.read, &learner.id, &t.module)
        .await
        .map_err(storage)?
        .into_iter()
        .find(|e| e.item_id == t.ex.id)
        .map_or(0, |e| e.failed);
    let failed = u32::try_from(failed).unwrap_or(u32::MAX);
    if !exercise::solution_available(&t.ex.policy, failed) {
        return Err(Refusal(
            StatusCode::FORBIDDEN,
            format!(
                "The solution opens after {after} checks that do not pass; you have had {failed}. Keep going: each failed check has a hint."
            ),
        ));
    }
    // Asking is recorded (as "hint" 0 of the exercise), so instructors can tell a pass
    // after seeing the solution from one without.
    lab_db::reveal_hint(&state.db.write, &learner.id, item(&t.module, t.ex), 0)
        .await
        .map_err(storage)?;
    Ok((t.back, json!({ "ok": true })))
}
