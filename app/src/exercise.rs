//! A hands-on exercise on a page: instructions, an editor, and the checker's results.
//!
//! The editor is a plain `<textarea>` in a form that posts to `/exercise`, so it works
//! without JavaScript. Once hydrated it highlights as the learner types (the textarea
//! sits transparently over a highlighted copy of its text), Tab inserts spaces, the draft
//! is autosaved on the server a moment after typing stops, and the form is sent with
//! `fetch` so the results appear in place. Failed checks mark their lines in the gutter,
//! and the results link to those lines.

use crate::i18n::{Text, t};
use crate::model::{ExerciseView, RunView, SolutionState};
use lab_core::Lang;
use leptos::prelude::*;

/// Where the editor's draft stands (changed only in the browser).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Clean,
    Saving,
    Saved,
    Offline,
    Stale,
}

/// One exercise, with the learner's draft and latest results.
#[component]
pub fn ExerciseBlock(lang: Lang, module: String, step: String, ex: ExerciseView) -> impl IntoView {
    let id = ex.id.clone();
    let text = RwSignal::new(ex.source.clone());
    let revision = RwSignal::new(ex.revision);
    let save = RwSignal::new(SaveState::Clean);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let syntax = ex.syntax.clone();
    let highlighted =
        Memo::new(move |_| text.with(|src| lab_core::highlight::highlight_or_escape(&syntax, src)));
    let failed_lines: Vec<usize> = ex
        .last_run
        .as_ref()
        .map(|r| {
            r.checks
                .iter()
                .filter(|c| !c.passed)
                .filter_map(|c| c.line)
                .chain(r.error.as_ref().map(|e| e.0))
                .collect()
        })
        .unwrap_or_default();
    let line_prefix = format!("exercise-{id}-L");
    let gutter = {
        let prefix = line_prefix.clone();
        move || {
            let n = text.with(|s| s.split('\n').count()).max(1);
            (1..=n)
                .map(|i| {
                    let failed = failed_lines.contains(&i);
                    view! {
                        <li id=format!("{prefix}{i}") class:failed=failed>{i}</li>
                    }
                })
                .collect_view()
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            crate::quiz::submit_with_fetch(ev, error, busy);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, error, busy);
    };
    let autosave = autosave(module.clone(), id.clone(), text, revision, save);
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        autosave();
    };
    let escape_pressed = StoredValue::new(false);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let _ = &ev;
        #[cfg(feature = "hydrate")]
        tab_inserts_spaces(&ev, escape_pressed);
        #[cfg(not(feature = "hydrate"))]
        let _ = escape_pressed;
    };
    let status_text = move || match save.get() {
        SaveState::Clean => String::new(),
        SaveState::Saving => t(lang, Text::ExSaving).to_owned(),
        SaveState::Saved => t(lang, Text::ExSaved).to_owned(),
        SaveState::Offline => t(lang, Text::ExOffline).to_owned(),
        SaveState::Stale => t(lang, Text::ExStale).to_owned(),
    };
    let meta = format!(
        "{} · {} {} · {} {}{}",
        ex.kind,
        ex.points,
        t(lang, Text::ExPoints),
        ex.checks_total,
        t(lang, Text::ExChecks),
        if ex.attempts > 0 {
            format!(
                " · {} {} · {}: {}/{}",
                ex.attempts,
                t(lang, Text::ExAttempts),
                t(lang, Text::ExBest),
                ex.best_points,
                ex.points
            )
        } else {
            String::new()
        }
    );
    let status = ex
        .last_run
        .as_ref()
        .map_or("new", |r| r.status.as_str())
        .to_owned();
    let editor_id = format!("editor-{id}");
    let help_id = format!("editor-help-{id}");
    let solution_button = matches!(ex.solution, SolutionState::Available).then(|| {
        view! {
            <button type="submit" class="button" formaction="/exercise/solution">
                {t(lang, Text::ExShowSolution)}
            </button>
        }
    });
    let solution_note = match &ex.solution {
        SolutionState::AfterFailed(n) => Some(format!("{} {n}", t(lang, Text::ExSolutionAfter))),
        _ => None,
    };
    let solution_text = match &ex.solution {
        SolutionState::Shown(text) => Some(text.clone()),
        _ => None,
    };
    let solution_view = solution_text.map(|src| {
        let html = lab_core::highlight::highlight_or_escape(&ex.syntax, &src);
        view! {
            <details class="solution" open>
                <summary>{t(lang, Text::ExSolution)}</summary>
                <pre class="code"><code inner_html=html></code></pre>
            </details>
        }
    });
    let reset_button = ex.edited.then(|| {
        let confirm_text = t(lang, Text::ExResetConfirm);
        let on_click = move |ev: leptos::ev::MouseEvent| {
            #[cfg(feature = "hydrate")]
            confirm_reset(&ev, confirm_text);
            #[cfg(not(feature = "hydrate"))]
            let _ = (&ev, confirm_text);
        };
        view! {
            <button type="submit" class="button" formaction="/exercise/reset" name="reset" value="ask" on:click=on_click>
                {t(lang, Text::ExReset)}
            </button>
        }
    });
    let results = ex
        .last_run
        .clone()
        .map(|run| view! { <Results lang run line_prefix=line_prefix.clone() /> });
    let data = ex.data_html.clone().map(|html| {
        view! {
            <details class="exercise-data" open>
                <summary>{t(lang, Text::ExData)}</summary>
                <div inner_html=html></div>
            </details>
        }
    });
    view! {
        <section class="exercise" id=format!("exercise-{id}") data-exercise=id.clone() data-status=status>
            <h2>{ex.title.clone()}</h2>
            <p class="meta">{meta}</p>
            <div class="content instructions" inner_html=ex.instructions_html.clone()></div>
            {data}
            <form method="post" action="/exercise" class="exercise-form" on:submit=on_submit>
                <input type="hidden" name="module" value=module />
                <input type="hidden" name="step" value=step />
                <input type="hidden" name="exercise" value=id.clone() />
                <input type="hidden" name="revision" prop:value=move || revision.get().to_string() value=ex.revision.to_string() />
                <label for=editor_id.clone() class="editor-label">{t(lang, Text::ExYourFile)}</label>
                <div class="editor" data-syntax=ex.syntax.clone()>
                    <ol class="gutter" aria-hidden="true">{gutter}</ol>
                    <div class="editor-code">
                        <pre class="code editor-hl" aria-hidden="true"><code inner_html=move || highlighted.get()></code>"\n"</pre>
                        <textarea
                            id=editor_id
                            name="source"
                            aria-describedby=help_id.clone()
                            spellcheck="false"
                            autocapitalize="off"
                            autocomplete="off"
                            wrap="off"
                            prop:value=move || text.get()
                            on:input=on_input
                            on:keydown=on_keydown
                        >{ex.source.clone()}</textarea>
                    </div>
                </div>
                <p class="editor-help" id=help_id>{t(lang, Text::ExTabHint)}</p>
                <p class="editor-status" role="status" aria-live="polite">{status_text}</p>
                <p class="notice notice-warning" role="alert" hidden=move || error.get().is_none()>
                    {move || error.get()}
                </p>
                <div class="exercise-actions">
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {t(lang, Text::ExCheck)}
                    </button>
                    <button type="submit" class="button" formaction="/exercise/draft">
                        {t(lang, Text::ExSaveDraft)}
                    </button>
                    {reset_button}
                    {solution_button}
                </div>
                {solution_note.map(|n| view! { <p class="meta">{n}</p> })}
            </form>
            {results}
            {solution_view}
        </section>
    }
}

/// The checker's verdict: status, then every check with its line.
#[component]
fn Results(lang: Lang, run: RunView, line_prefix: String) -> impl IntoView {
    let headline = match run.status.as_str() {
        "pass" => t(lang, Text::ExPassed).to_owned(),
        "fail" => t(lang, Text::ExFailed).to_owned(),
        _ => t(lang, Text::ExUnreadable).to_owned(),
    };
    let attempt = match run.attempt {
        Some(n) => format!("{} {n}", t(lang, Text::ExAttempt)),
        None => t(lang, Text::ExNotCounted).to_owned(),
    };
    let total = run.checks.len();
    let summary = if run.status == "error" {
        attempt
    } else {
        format!(
            "{}/{total} {} · {} {} · {attempt}",
            run.passed,
            t(lang, Text::ExChecks),
            run.points_earned,
            t(lang, Text::ExPoints)
        )
    };
    let line_link = move |line: usize, prefix: &str| {
        view! {
            <a class="line-link" href=format!("#{prefix}{line}") data-line=line.to_string()>
                {format!("{} {line}", t(lang, Text::ExLine))}
            </a>
        }
    };
    let error = run.error.clone().map(|(line, col, message)| {
        view! {
            <p class="run-error">
                {line_link(line, &line_prefix)}
                {format!(", {} {col}: ", t(lang, Text::ExColumn))}
                <span>{message}</span>
            </p>
        }
    });
    let checks = run
        .checks
        .into_iter()
        .map(|c| {
            let mark = if c.passed { "✓" } else { "✗" };
            let line = c.line.map(|l| line_link(l, &line_prefix));
            view! {
                <li class:passed=c.passed class:failed=!c.passed data-check=c.id.clone()>
                    <span class="mark" aria-hidden="true">{mark}</span>
                    <span class="check-message" inner_html=c.message_html></span>
                    {line.map(|l| view! { " " {l} })}
                    {c.hint_html.map(|h| view! { <p class="hint" inner_html=h></p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="results" data-status=run.status.clone() role="region" aria-label=t(lang, Text::ExResults)>
            <h3>{headline}</h3>
            <p class="meta">{summary}</p>
            {error}
            <ol class="checks">{checks}</ol>
        </div>
    }
}

/// Returns a function that saves the draft a moment after the last keystroke.
fn autosave(
    module: String,
    exercise: String,
    text: RwSignal<String>,
    revision: RwSignal<i64>,
    save: RwSignal<SaveState>,
) -> impl Fn() + Clone + 'static {
    #[cfg(feature = "hydrate")]
    {
        let pending = StoredValue::new(None::<TimeoutHandle>);
        // A check re-renders the exercise: a save still waiting belongs to the old one.
        on_cleanup(move || {
            if let Some(Some(h)) = pending.try_get_value() {
                h.clear();
            }
        });
        move || {
            if save.try_get_untracked() == Some(SaveState::Stale) {
                return;
            }
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let (module, exercise) = (module.clone(), exercise.clone());
            let handle = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    leptos::task::spawn_local(save_draft(module, exercise, text, revision, save));
                },
                std::time::Duration::from_millis(1200),
            );
            pending.set_value(handle.ok());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (module, exercise, text, revision, save);
        || {}
    }
}

#[cfg(feature = "hydrate")]
async fn save_draft(
    module: String,
    exercise: String,
    text: RwSignal<String>,
    revision: RwSignal<i64>,
    save: RwSignal<SaveState>,
) {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return;
    };
    // The exercise may have been re-rendered (disposing these signals) meanwhile.
    let (Some(source), Some(base)) = (text.try_get_untracked(), revision.try_get_untracked())
    else {
        return;
    };
    params.append("module", &module);
    params.append("exercise", &exercise);
    params.append("source", &source);
    params.append("revision", &base.to_string());
    save.try_set(SaveState::Saving);
    match crate::quiz::post("/exercise/draft", &params).await {
        Ok(body) => {
            let rev = crate::quiz::json_field(&body, "revision").and_then(|v| v.as_f64());
            if let Some(rev) = rev {
                revision.try_set(rev as i64);
            }
            save.try_set(SaveState::Saved);
        }
        Err(e) if e.status == 409 => {
            save.try_set(SaveState::Stale);
        }
        // Not answered, or refused for another reason: the text stays here, and the next
        // keystroke tries again.
        Err(_) => {
            save.try_set(SaveState::Offline);
        }
    }
}

/// Tab inserts two spaces and Shift+Tab removes up to two before the caret's line; after
/// Escape, Tab moves the focus as usual (so a keyboard user is never trapped).
#[cfg(feature = "hydrate")]
fn tab_inserts_spaces(ev: &leptos::ev::KeyboardEvent, escape_pressed: StoredValue<bool>) {
    use wasm_bindgen::JsCast;
    if ev.key() == "Escape" {
        escape_pressed.set_value(true);
        return;
    }
    if ev.key() != "Tab" || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
        escape_pressed.set_value(false);
        return;
    }
    if escape_pressed.get_value() {
        escape_pressed.set_value(false);
        return;
    }
    let Some(area) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    ev.prevent_default();
    let value = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    // Selection offsets count UTF-16 units.
    let units: Vec<u16> = value.encode_utf16().collect();
    let line_start = units[..(start as usize).min(units.len())]
        .iter()
        .rposition(|u| *u == u16::from(b'\n'))
        .map_or(0, |i| i + 1);
    if ev.shift_key() {
        let spaces = units[line_start..]
            .iter()
            .take(2)
            .take_while(|u| **u == u16::from(b' '))
            .count();
        if spaces == 0 {
            return;
        }
        let ls = line_start as u32;
        let _ = area.set_range_text_with_start_and_end("", ls, ls + spaces as u32);
        let back = |p: u32| {
            if p >= ls + spaces as u32 {
                p - spaces as u32
            } else {
                p.min(ls)
            }
        };
        let _ = area.set_selection_range(back(start), back(end));
    } else {
        let _ = area.set_range_text_with_start_and_end("  ", start, end);
        let _ = area.set_selection_range(start + 2, start + 2);
    }
    // As typing would: `on_input` takes the new text and schedules the autosave.
    if let Ok(input) = web_sys::Event::new("input") {
        let _ = area.dispatch_event(&input);
    }
}

/// Asks before "Reset to starter"; when confirmed, the server resets without asking again.
#[cfg(feature = "hydrate")]
fn confirm_reset(ev: &leptos::ev::MouseEvent, question: &str) {
    use wasm_bindgen::JsCast;
    let confirmed = window().confirm_with_message(question).unwrap_or(false);
    if !confirmed {
        ev.prevent_default();
        return;
    }
    if let Some(button) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok())
    {
        button.set_value("yes");
    }
}

/// Clicking a "line N" link puts the caret at the start of that line in the editor.
#[cfg(feature = "hydrate")]
pub fn install_line_links() {
    use wasm_bindgen::JsCast;
    let handle = window_event_listener(leptos::ev::click, |ev| {
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a.line-link").ok().flatten())
        else {
            return;
        };
        let Some(line) = link
            .get_attribute("data-line")
            .and_then(|l| l.parse::<usize>().ok())
        else {
            return;
        };
        let Some(area) = link
            .closest("section.exercise")
            .ok()
            .flatten()
            .and_then(|s| s.query_selector("textarea").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let value = area.value();
        let offset: usize = value
            .split('\n')
            .take(line.saturating_sub(1))
            .map(|l| l.encode_utf16().count() + 1)
            .sum();
        let _ = area.focus();
        let _ = area.set_selection_range(offset as u32, offset as u32);
    });
    on_cleanup(move || handle.remove());
}
