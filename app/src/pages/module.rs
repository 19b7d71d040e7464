//! `/m/:module`: a module overview and its steps.

use super::not_found::NotFoundBody;
use super::{LoadError, minutes};
use crate::Actions;
use crate::api::get_module;
use crate::chrome::{ContentBody, Layout, Progress};
use crate::i18n::{Text, t};
use lab_core::Lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The overview: objectives, prerequisites, text, and the steps with ticks.
#[component]
pub fn ModulePage() -> impl IntoView {
    let actions = expect_context::<Actions>();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("module").unwrap_or_default(),
                actions.progress.version().get(),
                actions.lang.version().get(),
            )
        },
        |(module, _, _)| get_module(module),
    );
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
                    Ok(Some(m)) => {
                        let lang = m.lang;
                        let this = m.nav.iter().find(|n| n.slug == m.slug).cloned();
                        let steps = this.as_ref().map(|n| n.steps.clone()).unwrap_or_default();
                        let done = steps.iter().filter(|s| s.done).count();
                        let total = steps.len();
                        let first = steps.first().map(|s| s.url.clone());
                        let current = this.map(|n| n.url).unwrap_or_default();
                        view! {
                            <Title text=format!("{} · DevOps Lab", m.title) />
                            <Layout lang nav=m.nav current>
                                <nav class="breadcrumbs" aria-label="Breadcrumb">
                                    <A href="/">{t(lang, Text::Home)}</A>
                                </nav>
                                <h1>{m.title}</h1>
                                {m.description.map(|d| view! { <p class="lead">{d}</p> })}
                                <p class="meta">
                                    {minutes(lang, m.duration).map(|d| format!("{d} · "))}
                                    {format!("{total} {}", t(lang, Text::Steps).to_lowercase())}
                                </p>
                                <Progress lang done total />
                                {(!m.objectives.is_empty())
                                    .then(|| {
                                        view! {
                                            <section class="objectives">
                                                <h2>{t(lang, Text::Objectives)}</h2>
                                                <ul>
                                                    {m.objectives.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}
                                                </ul>
                                            </section>
                                        }
                                    })}
                                {(!m.prerequisites.is_empty())
                                    .then(|| {
                                        view! {
                                            <section class="prerequisites">
                                                <h2>{t(lang, Text::Prerequisites)}</h2>
                                                <ul>
                                                    {m.prerequisites.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}
                                                </ul>
                                            </section>
                                        }
                                    })}
                                <ContentBody lang body=m.body />
                                <section class="step-list">
                                    <h2>{t(lang, Text::Steps)}</h2>
                                    <ol>
                                        {steps
                                            .into_iter()
                                            .map(|s| {
                                                view! {
                                                    <li class:done=s.done style=format!("--depth:{}", s.depth)>
                                                        <span class="tick" aria-hidden="true">
                                                            {if s.done { "✓" } else { "○" }}
                                                        </span>
                                                        <A href=s.url>{s.title}</A>
                                                        {s.done.then(|| view! { <span class="sr-only">{format!(" ({})", t(lang, Text::Completed))}</span> })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </section>
                                {first
                                    .map(|url| {
                                        view! {
                                            <p>
                                                <A href=url attr:class="button primary">
                                                    {t(lang, Text::StartModule)}
                                                    " →"
                                                </A>
                                            </p>
                                        }
                                    })}
                            </Layout>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
