//! The lab's tools that a page can hold: the DORA calculator.
//!
//! The calculator is a plain form posting the team's two CSV files to `/tools/dora`;
//! the server computes the four keys and answers with the report (a page of its own
//! without JavaScript, JSON for the hydrated page, which shows it in place). The files
//! are not stored; the figures are, only when the learner ticks "keep".

use crate::i18n::tr;
use lab_core::Lang;
use leptos::prelude::*;

/// The DORA calculator, with the learner's kept reports (HTML from the server).
#[component]
pub fn DoraCalculator(lang: Lang, kept_html: String) -> impl IntoView {
    let report = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            compute_with_fetch(ev, report, error, busy);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, report, error, busy);
    };
    view! {
        <section class="tool dora-calculator" id="dora-calculator">
            <h2>{tr(lang, "DORA calculator", "Công cụ tính DORA")}</h2>
            <p>
                {tr(
                    lang,
                    "Paste your team's two files in the format above and get the four keys, a level for each, and a chart. The lab computes them on the server and does not keep your files; tick the box to keep the figures (only the figures) in your progress.",
                    "Dán hai file của team theo định dạng ở trên để nhận bốn chỉ số, mức của từng chỉ số và biểu đồ. Lab tính trên server và không giữ file của bạn; đánh dấu ô bên dưới nếu muốn lưu các con số (chỉ các con số) vào tiến độ.",
                )}
            </p>
            <p>
                {tr(lang, "Templates: ", "File mẫu: ")}
                <a href="/tools/dora/deployments.csv" download="deployments.csv">"deployments.csv"</a>
                " · "
                <a href="/tools/dora/incidents.csv" download="incidents.csv">"incidents.csv"</a>
            </p>
            <form method="post" action="/tools/dora" class="dora-form" on:submit=on_submit>
                <label>
                    <code>"deployments.csv"</code>
                    <textarea name="deployments" rows="8" spellcheck="false" autocapitalize="off" required
                        placeholder="deployment_id,commit_time,deploy_time,status,service"></textarea>
                </label>
                <label>
                    <code>"incidents.csv"</code>
                    <textarea name="incidents" rows="5" spellcheck="false" autocapitalize="off"
                        placeholder="incident_id,deployment_id,start_time,resolved_time"></textarea>
                </label>
                <label>
                    {tr(lang, "Window in days (optional; by default from the first deployment day to the last)", "Khoảng thời gian tính bằng ngày (không bắt buộc; mặc định từ ngày deployment đầu tiên đến ngày cuối cùng)")}
                    <input type="number" name="window" min="1" max="3650" inputmode="numeric" />
                </label>
                <label class="keep">
                    <input type="checkbox" name="keep" value="yes" />
                    {tr(lang, " Keep the figures in my progress", " Lưu các con số vào tiến độ của tôi")}
                </label>
                <p class="notice notice-warning" role="alert" hidden=move || error.get().is_none()>
                    {move || error.get()}
                </p>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {tr(lang, "Compute the four keys", "Tính bốn chỉ số")}
                </button>
            </form>
            <div class="dora-result" aria-live="polite" inner_html=move || report.get()></div>
            <div class="dora-kept" inner_html=kept_html></div>
        </section>
    }
}

#[cfg(feature = "hydrate")]
fn compute_with_fetch(
    ev: leptos::ev::SubmitEvent,
    report: RwSignal<String>,
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
) {
    let Some((_, data)) = crate::quiz::submitted_form(&ev) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    busy.set(true);
    leptos::task::spawn_local(async move {
        let result = crate::quiz::post("/tools/dora", &params).await;
        busy.set(false);
        match result {
            Ok(body) => {
                let html = crate::quiz::json_field(&body, "html")
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                error.set(None);
                report.set(html);
            }
            Err(e) => error.set(Some(e.message)),
        }
    });
}
