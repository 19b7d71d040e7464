//! `/m/:module/*step`: one step of a module.

use super::not_found::NotFoundBody;
use super::{LoadError, minutes};
use crate::Actions;
use crate::api::get_step;
use crate::chrome::{ContentBody, Layout};
use crate::exercise::ExerciseBlock;
use crate::i18n::{Text, t};
use crate::model::{Body, ExerciseView, QuizView, Segment, StepView};
use crate::quiz::QuizBlock;
use crate::tools::DoraCalculator;
use lab_core::Lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The step's text, breadcrumbs, previous/next (also on ← and →), and "Mark as complete".
#[component]
pub fn StepPage() -> impl IntoView {
    let actions = expect_context::<Actions>();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("step").unwrap_or_default(),
                actions.progress.version().get(),
                actions.lang.version().get(),
                actions.quiz.get(),
            )
        },
        |(module, step, _, _, _)| get_step(module, step),
    );
    let neighbours = RwSignal::new((None::<String>, None::<String>));
    arrow_keys(neighbours);
    view! {
        <Transition fallback=|| view! { <p class="loading">"…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError message=e.to_string() /> }.into_any(),
                    Ok(None) => {
                        #[cfg(feature = "ssr")]
                        crate::ssr::set_status(404);
                        view! {
                            <Title text="404 · DevOps Lab" />
                            <Layout lang=Lang::En>
                                <NotFoundBody />
                            </Layout>
                        }
                            .into_any()
                    }
                    Ok(Some(step)) => {
                        neighbours
                            .set((
                                step.prev.as_ref().map(|l| l.url.clone()),
                                step.next.as_ref().map(|l| l.url.clone()),
                            ));
                        view! { <Step step /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Step(step: StepView) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let lang = step.lang;
    let current = format!("{}/{}", step.module_link.url, step.slug);
    let pending = actions.progress.pending();
    view! {
        <Title text=format!("{} · {} · DevOps Lab", step.title, step.module_link.title) />
        <Layout lang nav=step.nav current>
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <A href="/">{t(lang, Text::Home)}</A>
                " › "
                <A href=step.module_link.url.clone()>{step.module_link.title.clone()}</A>
                " › "
                <span aria-current="page">{step.title.clone()}</span>
            </nav>
            <p class="meta">
                {format!("{} {} {}", step.position, t(lang, Text::Of), step.total)}
                {minutes(lang, step.duration).map(|d| format!(" · {d}"))}
            </p>
            <h1>{step.title.clone()}</h1>
            <StepBody
                lang
                module=step.module.clone()
                step=step.slug.clone()
                body=step.body
                segments=step.segments
                quizzes=step.quizzes
                exercises=step.exercises
                dora_kept_html=step.dora_kept_html
            />
            <ActionForm action=actions.progress attr:class="complete-form">
                <input type="hidden" name="module" value=step.module.clone() />
                <input type="hidden" name="step" value=step.slug.clone() />
                <input type="hidden" name="done" value=if step.done { "false" } else { "true" } />
                {if step.done {
                    view! {
                        <p class="completed" data-testid="completed">
                            <span aria-hidden="true">"✓ "</span>
                            {t(lang, Text::Completed)}
                        </p>
                        <button type="submit" class="button subtle" data-testid="mark-complete" disabled=pending>
                            {t(lang, Text::Undo)}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="submit" class="button primary" data-testid="mark-complete" disabled=pending>
                            {t(lang, Text::MarkComplete)}
                        </button>
                    }
                        .into_any()
                }}
            </ActionForm>
            <nav class="pager" aria-label=t(lang, Text::Steps)>
                {step
                    .prev
                    .map(|p| {
                        view! {
                            <A href=p.url attr:class="prev" attr:rel="prev">
                                <span class="dir">"← " {t(lang, Text::Previous)}</span>
                                <span class="title">{p.title}</span>
                            </A>
                        }
                    })}
                {step
                    .next
                    .map(|n| {
                        view! {
                            <A href=n.url attr:class="next" attr:rel="next">
                                <span class="dir">{t(lang, Text::Next)} " →"</span>
                                <span class="title">{n.title}</span>
                            </A>
                        }
                    })}
            </nav>
            <p class="hint">{t(lang, Text::KeyboardHint)}</p>
        </Layout>
    }
}

/// The step's text with its quizzes and exercises in place.
#[component]
fn StepBody(
    lang: Lang,
    module: String,
    step: String,
    body: Body,
    segments: Vec<Segment>,
    quizzes: Vec<QuizView>,
    exercises: Vec<ExerciseView>,
    dora_kept_html: Option<String>,
) -> impl IntoView {
    if body.unavailable {
        return view! { <ContentBody lang body /> }.into_any();
    }
    let fallback = body.fallback;
    view! {
        <ContentBody lang body=Body { html: String::new(), ..body } />
        {segments
            .into_iter()
            .map(|s| match s {
                Segment::Html(html) => view! { <article class="content" inner_html=html></article> }.into_any(),
                Segment::Quiz(i) => match quizzes.get(i).cloned() {
                    Some(quiz) => {
                        let quiz_lang = if fallback { lang.other() } else { lang };
                        view! { <QuizBlock lang=quiz_lang module=module.clone() step=step.clone() quiz /> }.into_any()
                    }
                    None => ().into_any(),
                },
                Segment::Tool(name) if name == "dora-calculator" => {
                    let kept_html = dora_kept_html.clone().unwrap_or_default();
                    view! { <DoraCalculator lang kept_html /> }.into_any()
                }
                Segment::Tool(_) => ().into_any(),
                Segment::Exercise(i) => match exercises.get(i).cloned() {
                    Some(ex) => {
                        let ex_lang = if ex.fallback { Lang::En } else { lang };
                        view! { <ExerciseBlock lang=ex_lang module=module.clone() step=step.clone() ex /> }.into_any()
                    }
                    None => ().into_any(),
                },
            })
            .collect_view()}
    }
    .into_any()
}

/// ← and → go to the previous and next step, unless the learner is typing.
fn arrow_keys(neighbours: RwSignal<(Option<String>, Option<String>)>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let navigate = leptos_router::hooks::use_navigate();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.alt_key()
                || ev.ctrl_key()
                || ev.meta_key()
                || ev.shift_key()
                || ev.default_prevented()
            {
                return;
            }
            let typing = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el.closest("[contenteditable]").ok().flatten().is_some()
                });
            if typing {
                return;
            }
            let (prev, next) = neighbours.get_untracked();
            let target = match ev.key().as_str() {
                "ArrowLeft" => prev,
                "ArrowRight" => next,
                _ => None,
            };
            if let Some(url) = target {
                ev.prevent_default();
                navigate(&url, Default::default());
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = neighbours;
}
