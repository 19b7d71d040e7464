//! `/`: the module catalog.

use super::{LoadError, minutes};
use crate::Actions;
use crate::api::get_catalog;
use crate::chrome::{Layout, Progress};
use crate::i18n::{Text, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Module cards with progress, and a link to continue.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let actions = expect_context::<Actions>();
    let data = Resource::new(
        move || {
            (
                actions.progress.version().get(),
                actions.lang.version().get(),
            )
        },
        |_| get_catalog(),
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError message=e.to_string() /> }.into_any(),
                    Ok(cat) => {
                        let lang = cat.lang;
                        view! {
                            <Title text="DevOps Lab" />
                            <Layout lang>
                                <section class="hero">
                                    <h1>"DevOps on AWS — Lab"</h1>
                                    <p class="lead">{t(lang, Text::CatalogIntro)}</p>
                                    {cat
                                        .resume
                                        .map(|r| {
                                            let label = if cat.resuming {
                                                t(lang, Text::Continue)
                                            } else {
                                                t(lang, Text::StartHere)
                                            };
                                            view! {
                                                <A href=r.url attr:class="button primary resume" attr:data-testid="resume">
                                                    {label}
                                                    ": "
                                                    {r.title}
                                                    " →"
                                                </A>
                                            }
                                        })}
                                </section>
                                <h2 class="section-title">{t(lang, Text::Modules)}</h2>
                                <ol class="cards">
                                    {cat
                                        .modules
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, m)| {
                                            view! {
                                                <li class="card" data-module=m.slug.clone()>
                                                    <span class="card-number">{i + 1}</span>
                                                    <h3>
                                                        <A href=m.url.clone()>{m.title.clone()}</A>
                                                    </h3>
                                                    {m.description.clone().map(|d| view! { <p>{d}</p> })}
                                                    {minutes(lang, m.duration)
                                                        .map(|d| view! { <p class="meta">{d}</p> })}
                                                    {m
                                                        .quiz
                                                        .map(|p| {
                                                            view! {
                                                                <p class="meta quiz-score">
                                                                    {format!("{}: {p}%", t(lang, Text::QuizScore))}
                                                                </p>
                                                            }
                                                        })}
                                                    <Progress lang done=m.done total=m.total />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </Layout>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
