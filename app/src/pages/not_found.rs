//! The friendly 404.

use crate::chrome::Layout;
use crate::i18n::{Text, t};
use lab_core::Lang;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any address that is not a module or step. Sets the 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::set_status(404);
    // The learner's language is not known here without a round trip; say it in both.
    let lang = Lang::En;
    view! {
        <Title text="404 · DevOps Lab" />
        <Layout lang>
            <NotFoundBody />
        </Layout>
    }
}

/// The text of the 404, in both languages.
#[component]
pub fn NotFoundBody() -> impl IntoView {
    view! {
        <section class="not-found" data-testid="not-found">
            <p class="big" aria-hidden="true">"404"</p>
            <h1>{t(Lang::En, Text::NotFoundTitle)}</h1>
            <p>{t(Lang::En, Text::NotFoundBody)}</p>
            <p lang="vi">
                <strong>{t(Lang::Vi, Text::NotFoundTitle)}.</strong>
                " "
                {t(Lang::Vi, Text::NotFoundBody)}
            </p>
            <p>
                <a class="button" href="/">
                    {t(Lang::En, Text::BackHome)}
                </a>
            </p>
        </section>
    }
}
