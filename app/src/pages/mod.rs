//! One file per page.

mod catalog;
mod module;
mod not_found;
mod step;

pub use catalog::CatalogPage;
pub use module::ModulePage;
pub use not_found::NotFound;
pub use step::StepPage;

use crate::i18n::{Text, t};
use lab_core::Lang;
use leptos::prelude::*;

/// Shown when a server function failed (the database is down, say).
#[component]
pub fn LoadError(message: String) -> impl IntoView {
    view! {
        <div class="notice notice-warning" role="alert">
            <p class="notice-title">{t(Lang::En, Text::ErrorTitle)} " / " {t(Lang::Vi, Text::ErrorTitle)}</p>
            <p>{message}</p>
        </div>
    }
}

/// Minutes, as "25 min".
pub fn minutes(lang: Lang, duration: Option<u32>) -> Option<String> {
    duration.map(|d| format!("{d} {}", t(lang, Text::Minutes)))
}
