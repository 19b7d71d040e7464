//! DevOps Lab's pages and components.
//!
//! Rendered on the server (feature `ssr`) and hydrated in the browser (feature
//! `hydrate`). Pages get their data from the server functions in [`api`]; the view
//! models in [`model`] carry no answer keys.
#![recursion_limit = "512"]

// The `#[server]` macro makes a public struct per function whose fields cannot carry docs.
#[allow(missing_docs)]
pub mod api;
mod chrome;
mod exercise;
pub mod i18n;
pub mod model;
mod pages;
mod quiz;
#[cfg(feature = "ssr")]
pub mod ssr;
mod tools;

use api::{SetLanguage, SetProgress};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/pkg/devops-lab.css" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Actions every page may use, shared through context so that pages refetch when the
/// learner marks progress or switches language.
#[derive(Clone, Copy)]
pub struct Actions {
    /// Marks a step complete or not.
    pub progress: ServerAction<SetProgress>,
    /// Switches language.
    pub lang: ServerAction<SetLanguage>,
    /// Bumped after a quiz answer, a hint or an exercise check is stored, so the page
    /// reloads its data.
    pub quiz: RwSignal<u32>,
}

/// The application: router and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(Actions {
        progress: ServerAction::<SetProgress>::new(),
        lang: ServerAction::<SetLanguage>::new(),
        quiz: RwSignal::new(0),
    });
    chrome::install_global_handlers();
    view! {
        <Router>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=pages::CatalogPage ssr=SsrMode::Async />
                <Route path=path!("/m/:module") view=pages::ModulePage ssr=SsrMode::Async />
                <Route path=path!("/m/:module/*step") view=pages::StepPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
