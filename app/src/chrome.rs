//! The frame around every page: header with language switch, sidebar, and the few
//! browser behaviours that content HTML needs (copy buttons).

use crate::Actions;
use crate::i18n::{Text, t};
use crate::model::NavModule;
use lab_core::Lang;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::components::A;

/// Header, optional sidebar, and the page's main content.
#[component]
pub fn Layout(
    lang: Lang,
    #[prop(optional)] nav: Option<Vec<NavModule>>,
    #[prop(optional, into)] current: Option<String>,
    children: Children,
) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let other = lang.other();
    let has_nav = nav.is_some();
    view! {
        <Html attr:lang=lang.code() />
        <a class="skip" href="#main">{t(lang, Text::SkipToContent)}</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"⟳"</span>
                " DevOps Lab"
            </a>
            <ActionForm action=actions.lang attr:class="lang-switch">
                <input type="hidden" name="lang" value=other.code() />
                <button type="submit" lang=other.code() data-testid="lang-switch">
                    {t(lang, Text::SwitchTo)}
                </button>
            </ActionForm>
        </header>
        <div class=if has_nav { "frame with-nav" } else { "frame" }>
            {nav.map(|nav| view! { <Sidebar lang nav current=current.clone().unwrap_or_default() /> })}
            <main id="main" tabindex="-1">{children()}</main>
        </div>
    }
}

/// Every module and step, with ticks; a disclosure on narrow screens.
#[component]
fn Sidebar(lang: Lang, nav: Vec<NavModule>, current: String) -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label=t(lang, Text::Contents)>
            <input type="checkbox" id="nav-toggle" class="nav-toggle" />
            <label for="nav-toggle" class="nav-toggle-label">
                {t(lang, Text::Contents)}
            </label>
            <ol class="nav-modules">
                {nav
                    .into_iter()
                    .map(|m| {
                        let done = m.done();
                        let total = m.steps.len();
                        let module_current = current == m.url;
                        view! {
                            <li class="nav-module">
                                <A
                                    href=m.url.clone()
                                    attr:class="nav-module-link"
                                    attr:aria-current=module_current.then_some("page")
                                >
                                    {m.title.clone()}
                                    <span class="nav-count">{format!(" {done}/{total}")}</span>
                                </A>
                                <ol class="nav-steps">
                                    {m
                                        .steps
                                        .into_iter()
                                        .map(|s| {
                                            let is_current = current == s.url;
                                            view! {
                                                <li
                                                    class="nav-step"
                                                    class:done=s.done
                                                    style=format!("--depth:{}", s.depth)
                                                >
                                                    <span class="tick" aria-hidden="true">
                                                        {if s.done { "✓" } else { "" }}
                                                    </span>
                                                    <A
                                                        href=s.url.clone()
                                                        attr:aria-current=is_current.then_some("page")
                                                    >
                                                        {s.title.clone()}
                                                    </A>
                                                    {s.score.map(|p| view! { <span class="nav-score">{format!("{p}%")}</span> })}
                                                    {s
                                                        .done
                                                        .then(|| {
                                                            view! {
                                                                <span class="sr-only">
                                                                    {format!(" ({})", t(lang, Text::Completed))}
                                                                </span>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// A progress bar with its numbers.
#[component]
pub fn Progress(lang: Lang, done: usize, total: usize) -> impl IntoView {
    let pct = (done * 100).checked_div(total).unwrap_or(0);
    view! {
        <div class="progress">
            <div
                class="bar"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax=total
                aria-valuenow=done
                aria-label=t(lang, Text::StepsDone)
            >
                <span style=format!("width:{pct}%")></span>
            </div>
            <span class="progress-text">{format!("{done}/{total} {}", t(lang, Text::StepsDone))}</span>
        </div>
    }
}

/// Page content HTML with the notices learners need about it.
#[component]
pub fn ContentBody(lang: Lang, body: crate::model::Body) -> impl IntoView {
    view! {
        {body
            .fallback
            .then(|| {
                view! {
                    <p class="notice notice-info fallback" role="note">
                        {t(lang, Text::FallbackNotice)}
                    </p>
                }
            })}
        {if body.unavailable {
            view! {
                <div class="notice notice-warning unavailable" role="alert">
                    <p>{t(lang, Text::Unavailable)}</p>
                </div>
            }
                .into_any()
        } else if body.html.is_empty() {
            ().into_any()
        } else {
            view! { <article class="content" inner_html=body.html></article> }.into_any()
        }}
    }
}

/// Document-wide listeners for behaviour inside content HTML (copy buttons). Content
/// HTML is not built by leptos, so one delegated listener serves every page.
pub fn install_global_handlers() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let handle = window_event_listener(leptos::ev::click, |ev| {
            let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Ok(Some(button)) = target.closest("button.copy") else {
                return;
            };
            let code = button
                .parent_element()
                .and_then(|block| block.query_selector("pre").ok().flatten())
                .and_then(|pre| pre.text_content());
            if let Some(code) = code {
                let _ = window().navigator().clipboard().write_text(&code);
                button.set_text_content(Some("✓"));
            }
        });
        on_cleanup(move || handle.remove());
        crate::exercise::install_line_links();
    }
}
