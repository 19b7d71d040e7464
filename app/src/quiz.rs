//! A quiz on a page: a plain HTML form that the server grades.
//!
//! Without JavaScript the form posts to `/quiz` and the server redirects back to the
//! page, which shows the stored result. With hydration the same form is sent with
//! `fetch` and the page data is reloaded in place.

use crate::i18n::{Text, t};
use crate::model::{GivenAnswer, QuestionView, QuizView};
use lab_core::Lang;
use leptos::prelude::*;

/// One quiz, with every question and the learner's results.
#[component]
pub fn QuizBlock(lang: Lang, module: String, step: String, quiz: QuizView) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            submit_with_fetch(ev, error, busy);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, error, busy);
    };
    let title = quiz
        .title
        .clone()
        .unwrap_or_else(|| t(lang, Text::QuizTitle).to_owned());
    let attempts = match quiz.attempts {
        None => t(lang, Text::UnlimitedTries).to_owned(),
        Some(n) => format!("{n} {}", t(lang, Text::TriesPerQuestion)),
    };
    let score = quiz.best_percent.map(|best| {
        format!(
            "{}: {best}% · {}: {}%",
            t(lang, Text::BestScore),
            t(lang, Text::LatestScore),
            quiz.latest_percent.unwrap_or(0)
        )
    });
    let quiz_id = quiz.id.clone();
    view! {
        <section class="quiz" id=format!("quiz-{}", quiz.id) data-quiz=quiz.id.clone()>
            <h2>{title}</h2>
            <p class="meta">{attempts} {score.map(|s| format!(" · {s}"))}</p>
            <form method="post" action="/quiz" class="quiz-form" on:submit=on_submit>
                <input type="hidden" name="module" value=module />
                <input type="hidden" name="step" value=step />
                <input type="hidden" name="quiz" value=quiz_id />
                {quiz
                    .questions
                    .into_iter()
                    .enumerate()
                    .map(|(n, q)| view! { <Question lang n q busy /> })
                    .collect_view()}
                <p class="quiz-error notice notice-warning" role="alert" hidden=move || error.get().is_none()>
                    {move || error.get()}
                </p>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {t(lang, Text::SubmitAll)}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Question(lang: Lang, n: usize, q: QuestionView, busy: RwSignal<bool>) -> impl IntoView {
    let state = match &q.last {
        None => "unanswered",
        Some(g) if g.correct => "correct",
        Some(_) => "incorrect",
    };
    let name = format!("q.{}", q.id);
    let given = q.last.as_ref().map(|g| g.given.clone());
    let marks = q.last.as_ref().map(|g| g.marks.clone()).unwrap_or_default();
    let inputs = answer_inputs(lang, &q, &name, given.as_ref(), &marks);
    let more_hints = q.hints.len() < q.hints_total;
    let out_of_tries = q.tries_left == Some(0);
    let tries = q
        .tries_left
        .map(|left| format!("{left} {}", t(lang, Text::TriesLeft)));
    view! {
        <fieldset class="question" id=format!("q-{}", q.id) data-question=q.id.clone() data-state=state>
            <legend>{format!("{} {}", t(lang, Text::Question), n + 1)}</legend>
            <div class="prompt" inner_html=q.prompt_html.clone()></div>
            {inputs}
            {(!q.hints.is_empty())
                .then(|| {
                    view! {
                        <div class="hints">
                            {q
                                .hints
                                .iter()
                                .enumerate()
                                .map(|(i, h)| {
                                    view! {
                                        <div class="hint notice notice-tip" data-testid="hint">
                                            <p class="notice-title">{format!("{} {}", t(lang, Text::Hint), i + 1)}</p>
                                            <div inner_html=h.clone()></div>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })}
            <div class="question-actions">
                <button
                    type="submit"
                    name="only"
                    value=q.id.clone()
                    class="button"
                    data-testid="check"
                    disabled=move || out_of_tries || busy.get()
                >
                    {t(lang, Text::CheckAnswer)}
                </button>
                {more_hints
                    .then(|| {
                        view! {
                            <button
                                type="submit"
                                name="hint"
                                value=q.id.clone()
                                formaction="/quiz/hint"
                                class="button subtle"
                                data-testid="reveal-hint"
                                disabled=move || busy.get()
                            >
                                {format!("{} ({}/{})", t(lang, Text::ShowHint), q.hints.len() + 1, q.hints_total)}
                            </button>
                        }
                    })}
                {tries.map(|s| view! { <span class="meta">{s}</span> })}
            </div>
            {q
                .last
                .clone()
                .map(|g| {
                    let verdict = if g.correct { t(lang, Text::Correct) } else { t(lang, Text::NotQuite) };
                    view! {
                        <div class=if g.correct { "feedback correct" } else { "feedback incorrect" } role="status" data-testid="feedback">
                            <p class="verdict">
                                <strong>{verdict}</strong>
                                {format!(" · {}%", g.percent)}
                            </p>
                            {g.feedback.into_iter().map(|f| view! { <div class="option-feedback" inner_html=f></div> }).collect_view()}
                            {g.expected.map(|e| view! { <p class="expected">{t(lang, Text::Answer)} ": " {e}</p> })}
                            <div class="explanation" inner_html=g.explanation></div>
                        </div>
                    }
                })}
            {(!q.history.is_empty())
                .then(|| {
                    view! {
                        <details class="history">
                            <summary>{format!("{} ({})", t(lang, Text::YourAnswers), q.history.len())}</summary>
                            <ol>
                                {q
                                    .history
                                    .iter()
                                    .map(|h| {
                                        view! {
                                            <li value=h.attempt>
                                                {if h.correct { "✓ " } else { "✗ " }}
                                                {h.summary.clone()}
                                                {format!(" · {}% · {}", h.percent, h.at.get(..16).unwrap_or(&h.at).replace('T', " "))}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        </details>
                    }
                })}
        </fieldset>
    }
}

/// The inputs for one question, pre-filled with the learner's last answer.
fn answer_inputs(
    lang: Lang,
    q: &QuestionView,
    name: &str,
    given: Option<&GivenAnswer>,
    marks: &[(bool, bool)],
) -> AnyView {
    let chosen = |i: usize| matches!(given, Some(GivenAnswer::Choices(v)) if v.contains(&i));
    let mark_class = |i: usize| match marks.get(i) {
        Some((true, true)) => "choice chosen right",
        Some((true, false)) => "choice chosen wrong",
        Some((false, true)) => "choice missed",
        _ => "choice",
    };
    match q.kind.as_str() {
        "single" | "multiple" => {
            let kind = if q.kind == "single" {
                "radio"
            } else {
                "checkbox"
            };
            view! {
                <ul class="choices">
                    {q
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            view! {
                                <li class=mark_class(i)>
                                    <label>
                                        <input type=kind name=name.to_owned() value=i checked=chosen(i) />
                                        <span inner_html=c.clone()></span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
        "true_false" => {
            let is = |b: bool| matches!(given, Some(GivenAnswer::Bool(x)) if *x == b);
            view! {
                <ul class="choices">
                    <li class=mark_class(0)>
                        <label>
                            <input type="radio" name=name.to_owned() value="true" checked=is(true) />
                            {t(lang, Text::True)}
                        </label>
                    </li>
                    <li class=mark_class(1)>
                        <label>
                            <input type="radio" name=name.to_owned() value="false" checked=is(false) />
                            {t(lang, Text::False)}
                        </label>
                    </li>
                </ul>
            }
            .into_any()
        }
        "numeric" | "text" => {
            let value = match given {
                Some(GivenAnswer::Text(s)) => s.clone(),
                _ => String::new(),
            };
            let mode = if q.kind == "numeric" {
                "decimal"
            } else {
                "text"
            };
            view! {
                <p class="typed">
                    <input
                        type="text"
                        name=name.to_owned()
                        value=value
                        inputmode=mode
                        maxlength="1000"
                        autocomplete="off"
                        aria-label=t(lang, Text::Answer)
                    />
                    {q.unit.clone().map(|u| view! { <span class="unit">{u}</span> })}
                </p>
            }
            .into_any()
        }
        "order" | "match" => {
            let positions = match given {
                Some(GivenAnswer::Positions(v)) => v.clone(),
                _ => Vec::new(),
            };
            let rows: Vec<String> = if q.kind == "order" {
                (1..=q.choices.len()).map(|p| format!("{}", p)).collect()
            } else {
                q.lefts.clone()
            };
            view! {
                <ol class=format!("slots {}", q.kind)>
                    {rows
                        .into_iter()
                        .enumerate()
                        .map(|(row, label)| {
                            let selected = positions.get(row).copied().or((q.kind == "order").then_some(row));
                            view! {
                                <li class=mark_class(row)>
                                    <label>
                                        <span class="slot-label" inner_html=label></span>
                                        <select name=format!("{name}.{row}")>
                                            {(q.kind == "match").then(|| view! { <option value="">"—"</option> })}
                                            {q
                                                .choices
                                                .iter()
                                                .enumerate()
                                                .map(|(i, c)| {
                                                    view! {
                                                        <option value=i selected=selected == Some(i)>
                                                            {strip_tags(c)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

/// `<option>` holds text only.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The form a submit event is about, and its fields.
#[cfg(feature = "hydrate")]
pub(crate) fn submitted_form(
    ev: &leptos::ev::SubmitEvent,
) -> Option<(web_sys::HtmlFormElement, web_sys::FormData)> {
    use wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    Some((form, data))
}

/// Sends the form (with the button that was pressed) and reloads the page data.
#[cfg(feature = "hydrate")]
pub(crate) fn submit_with_fetch(
    ev: leptos::ev::SubmitEvent,
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
) {
    use wasm_bindgen::JsCast;
    let Some((form, data)) = submitted_form(&ev) else {
        return;
    };
    let submitter = ev.submitter();
    // `formAction` reads as the page URL when the attribute is absent: ask the attribute.
    let action = submitter
        .as_ref()
        .and_then(|s| s.dyn_ref::<web_sys::Element>())
        .and_then(|b| b.get_attribute("formaction"))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| form.action());
    // The pressed button's name and value say what to do (`only`, `hint`).
    if let Some(button) = submitter
        .as_ref()
        .and_then(|s| s.dyn_ref::<web_sys::HtmlButtonElement>())
        && !button.name().is_empty()
    {
        let _ = data.append_with_str(&button.name(), &button.value());
    }
    let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    let actions = expect_context::<crate::Actions>();
    busy.set(true);
    leptos::task::spawn_local(async move {
        let result = post(&action, &params).await;
        busy.set(false);
        match result {
            Ok(_) => {
                error.set(None);
                actions.quiz.update(|v| *v += 1);
            }
            Err(e) => error.set(Some(e.message)),
        }
    });
}

/// Why a post did not succeed: the HTTP status (0 when the lab did not answer) and a
/// message for the learner.
#[cfg(feature = "hydrate")]
pub(crate) struct PostError {
    pub status: u16,
    pub message: String,
}

/// A field of a JSON text, if it is an object that has it.
#[cfg(feature = "hydrate")]
pub(crate) fn json_field(text: &str, key: &str) -> Option<wasm_bindgen::JsValue> {
    let value = js_sys::JSON::parse(text).ok()?;
    js_sys::Reflect::get(&value, &key.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

/// Posts a form body asking for JSON; the response body on success, the server's
/// status and message otherwise.
#[cfg(feature = "hydrate")]
pub(crate) async fn post(url: &str, body: &web_sys::UrlSearchParams) -> Result<String, PostError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let offline = || PostError {
        status: 0,
        message: "The lab did not answer. Check your connection and try again.".to_owned(),
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    let headers = web_sys::Headers::new().map_err(|_| offline())?;
    headers
        .set("Accept", "application/json")
        .map_err(|_| offline())?;
    init.set_headers(&headers);
    let promise = window().fetch_with_str_and_init(url, &init);
    let resp: web_sys::Response = JsFuture::from(promise)
        .await
        .map_err(|_| offline())?
        .dyn_into()
        .map_err(|_| offline())?;
    let text = match resp.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if resp.ok() {
        return Ok(text);
    }
    // The server answers {"error": "..."}; show the message.
    let message = json_field(&text, "error")
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("The answer was not accepted ({}).", resp.status()));
    Err(PostError {
        status: resp.status(),
        message,
    })
}
