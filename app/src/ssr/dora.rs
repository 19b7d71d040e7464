//! The DORA calculator's report, drawn on the server: the four keys with their levels,
//! the overall level, and a chart of deployments over the window. Every text from the
//! learner's files is escaped.

use crate::i18n::tr;
use lab_core::Lang;
use lab_core::content::shortcode::escape;
use lab_core::data::dora::{DoraData, DoraMetrics, Tier, key_tiers};

const MS_PER_DAY: i64 = 86_400_000;

/// A level's name: the DORA reports' English terms, which Vietnamese engineers use too.
fn tier_name(tier: Tier) -> &'static str {
    match tier {
        Tier::Elite => "Elite",
        Tier::High => "High",
        Tier::Medium => "Medium",
        Tier::Low => "Low",
    }
}

fn tier_class(tier: Tier) -> &'static str {
    match tier {
        Tier::Elite => "tier-elite",
        Tier::High => "tier-high",
        Tier::Medium => "tier-medium",
        Tier::Low => "tier-low",
    }
}

/// The four keys as table rows: (name, value, level).
fn rows(m: &DoraMetrics, lang: Lang) -> Vec<(&'static str, String, Tier)> {
    let [frequency, lead, failures, recovery] = key_tiers(m);
    let per_week = m.deployment_frequency_per_day * 7.0;
    vec![
        (
            tr(lang, "Deployment frequency", "Tần suất deployment"),
            format!(
                "{:.2} {} ({per_week:.1} {})",
                m.deployment_frequency_per_day,
                tr(lang, "per day", "mỗi ngày"),
                tr(lang, "per week", "mỗi tuần")
            ),
            frequency,
        ),
        (
            tr(
                lang,
                "Lead time for changes (median)",
                "Lead time for changes (trung vị)",
            ),
            hours(m.lead_time_median_hours, lang),
            lead,
        ),
        (
            tr(lang, "Change failure rate", "Tỉ lệ thay đổi gây lỗi"),
            format!("{:.1} %", m.change_failure_rate_percent),
            failures,
        ),
        (
            tr(
                lang,
                "Time to restore service (median)",
                "Thời gian khôi phục dịch vụ (trung vị)",
            ),
            m.recovery_median_hours.map_or_else(
                || {
                    tr(
                        lang,
                        "no incident names a deployment",
                        "không có sự cố nào gắn với deployment",
                    )
                    .to_owned()
                },
                |h| hours(h, lang),
            ),
            recovery,
        ),
    ]
}

fn hours(h: f64, lang: Lang) -> String {
    if h >= 48.0 {
        format!("{:.1} {}", h / 24.0, tr(lang, "days", "ngày"))
    } else {
        format!("{h:.2} {}", tr(lang, "hours", "giờ"))
    }
}

/// The whole report for a computed data set.
pub fn report_html(data: &DoraData, m: &DoraMetrics, lang: Lang, kept: bool) -> String {
    let mut html = format!(
        "<div class=\"dora-report\" data-tier=\"{}\"><h3>{} <span class=\"tier {}\">{}</span></h3><p class=\"meta\">{}</p>",
        tier_name(m.tier).to_lowercase(),
        tr(lang, "Overall level:", "Mức tổng thể:"),
        tier_class(m.tier),
        tier_name(m.tier),
        escape(&format!(
            "{} {} · {} {} · {} {}",
            m.deployments,
            tr(lang, "deployments", "deployment"),
            data.incidents.len(),
            tr(lang, "incidents", "sự cố"),
            m.window_days,
            tr(lang, "days", "ngày"),
        )),
    );
    html.push_str(&format!(
        "<p>{}</p><table class=\"dora-keys\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        tr(
            lang,
            "The overall level is the weakest of the four keys: improving one key never hides another.",
            "Mức tổng thể là mức yếu nhất trong bốn chỉ số: cải thiện một chỉ số không che được chỉ số khác.",
        ),
        tr(lang, "Key", "Chỉ số"),
        tr(lang, "Your team", "Team của bạn"),
        tr(lang, "Level", "Mức"),
    ));
    for (name, value, tier) in rows(m, lang) {
        html.push_str(&format!(
            "<tr><td>{name}</td><td>{}</td><td><span class=\"tier {}\">{}</span></td></tr>",
            escape(&value),
            tier_class(tier),
            tier_name(tier)
        ));
    }
    html.push_str("</tbody></table>");
    html.push_str(&chart(data, lang));
    html.push_str(&format!(
        "<p class=\"meta\">{}</p></div>",
        if kept {
            tr(
                lang,
                "Kept in your progress: the figures only, not your files.",
                "Đã lưu vào tiến độ của bạn: chỉ các con số, không lưu file.",
            )
        } else {
            tr(
                lang,
                "Not stored: the lab computed this and forgot your files.",
                "Không lưu: lab đã tính xong và không giữ file của bạn.",
            )
        }
    ));
    html
}

/// Deployments per day (or per week past two months) as an SVG bar chart, failed ones
/// stacked on top in the warning colour.
fn chart(data: &DoraData, lang: Lang) -> String {
    let Some(first) = data.deployments.iter().map(|d| d.deploy_ms).min() else {
        return String::new();
    };
    let last = data
        .deployments
        .iter()
        .map(|d| d.deploy_ms)
        .max()
        .unwrap_or(first);
    let first_day = first.div_euclid(MS_PER_DAY);
    let days = (last.div_euclid(MS_PER_DAY) - first_day + 1).max(1);
    let bucket_days = if days > 62 { 7 } else { 1 };
    let buckets = usize::try_from((days + bucket_days - 1) / bucket_days)
        .unwrap_or(1)
        .clamp(1, 600);
    let mut ok = vec![0u32; buckets];
    let mut failed = vec![0u32; buckets];
    for d in &data.deployments {
        let i = usize::try_from((d.deploy_ms.div_euclid(MS_PER_DAY) - first_day) / bucket_days)
            .unwrap_or(0)
            .min(buckets - 1);
        if d.failed {
            failed[i] += 1;
        } else {
            ok[i] += 1;
        }
    }
    let top = ok
        .iter()
        .zip(&failed)
        .map(|(a, b)| a + b)
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, h, pad) = (640.0_f64, 160.0_f64, 20.0_f64);
    let bar_w = (w - 2.0 * pad) / buckets as f64;
    let scale = (h - 2.0 * pad) / f64::from(top);
    let unit = if bucket_days == 7 {
        tr(lang, "Deployments per week", "Số deployment mỗi tuần")
    } else {
        tr(lang, "Deployments per day", "Số deployment mỗi ngày")
    };
    let mut svg = format!(
        "<figure class=\"dora-chart\"><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{unit}: {} → {}\"><title>{unit}</title>",
        date(first_day),
        date(first_day + days - 1)
    );
    for i in 0..buckets {
        let x = pad + bar_w * i as f64 + bar_w * 0.1;
        let bw = (bar_w * 0.8).max(1.0);
        let ok_h = f64::from(ok[i]) * scale;
        let fail_h = f64::from(failed[i]) * scale;
        let base = h - pad;
        if ok[i] > 0 {
            svg.push_str(&format!(
                "<rect class=\"ok\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{ok_h:.1}\"><title>{}</title></rect>",
                base - ok_h,
                ok[i]
            ));
        }
        if failed[i] > 0 {
            svg.push_str(&format!(
                "<rect class=\"failed\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{fail_h:.1}\"><title>{} {}</title></rect>",
                base - ok_h - fail_h,
                failed[i],
                tr(lang, "failed", "thất bại")
            ));
        }
    }
    svg.push_str(&format!(
        "<line x1=\"{pad}\" y1=\"{b}\" x2=\"{x2}\" y2=\"{b}\" class=\"axis\"/><text x=\"{pad}\" y=\"{t}\" class=\"label\">{}</text><text x=\"{x2}\" y=\"{t}\" class=\"label\" text-anchor=\"end\">{}</text><text x=\"{pad}\" y=\"12\" class=\"label\">{top}</text></svg><figcaption>{unit}; {}</figcaption></figure>",
        date(first_day),
        date(first_day + days - 1),
        tr(
            lang,
            "failed deployments are stacked on top, in orange.",
            "deployment thất bại được xếp phía trên, màu cam.",
        ),
        b = h - pad,
        x2 = w - pad,
        t = h - 4.0,
    ));
    svg
}

/// `YYYY-MM-DD` of a day number since 1970-01-01.
fn date(days: i64) -> String {
    let (y, m, d) = lab_core::data::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The learner's kept reports as a table, newest first.
pub fn kept_html(reports: &[(String, DoraMetrics)], lang: Lang) -> String {
    if reports.is_empty() {
        return String::new();
    }
    let mut html = format!(
        "<h3>{}</h3><table class=\"dora-kept\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        tr(lang, "Your kept reports", "Các báo cáo bạn đã lưu"),
        tr(lang, "When", "Thời điểm"),
        tr(lang, "Per day", "Mỗi ngày"),
        tr(lang, "Lead time", "Lead time"),
        tr(lang, "Failure rate", "Tỉ lệ lỗi"),
        tr(lang, "Restore", "Khôi phục"),
        tr(lang, "Level", "Mức"),
    );
    for (at, m) in reports {
        html.push_str(&format!(
            "<tr><td>{}</td><td>{:.2}</td><td>{}</td><td>{:.1} %</td><td>{}</td><td><span class=\"tier {}\">{}</span></td></tr>",
            escape(at.get(..16).unwrap_or(at).replace('T', " ").as_str()),
            m.deployment_frequency_per_day,
            escape(&hours(m.lead_time_median_hours, lang)),
            m.change_failure_rate_percent,
            m.recovery_median_hours
                .map_or_else(|| "–".to_owned(), |h| escape(&hours(h, lang))),
            tier_class(m.tier),
            tier_name(m.tier),
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// How many kept reports the page lists.
pub const KEPT_SHOWN: u32 = 12;

/// The learner's kept reports as HTML when the page has the DORA calculator (an empty
/// string when there are none yet), `None` otherwise.
pub async fn kept_for_page(
    state: &super::AppState,
    learner: &str,
    lang: Lang,
    page: &lab_core::PageVersion,
) -> Result<Option<String>, lab_db::DbError> {
    if !page.tools.iter().any(|t| t == "dora-calculator") {
        return Ok(None);
    }
    Ok(Some(kept_html(&kept(state, learner).await?, lang)))
}

/// The learner's kept reports, newest first, with their figures read back.
pub async fn kept(
    state: &super::AppState,
    learner: &str,
) -> Result<Vec<(String, DoraMetrics)>, lab_db::DbError> {
    let rows = lab_db::dora_reports(&state.db.read, learner, KEPT_SHOWN).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let m = serde_json::from_str::<DoraMetrics>(&r.metrics).ok()?;
            Some((r.created_at, m))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab_core::data::dora::{parse, template_csv};

    #[test]
    fn the_template_gives_a_report_with_every_key_a_level_and_a_chart() {
        let (d, i) = template_csv();
        let data = parse(d, i).unwrap();
        let m = data.metrics(None);
        let html = report_html(&data, &m, Lang::En, false);
        for text in [
            "Deployment frequency",
            "Lead time for changes",
            "Change failure rate",
            "Time to restore service",
            "<svg",
            "Not stored",
        ] {
            assert!(html.contains(text), "{text}: {html}");
        }
        assert_eq!(html.matches("class=\"tier ").count(), 5);
        let vi = report_html(&data, &m, Lang::Vi, true);
        assert!(vi.contains("Tần suất deployment") && vi.contains("Đã lưu"));
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_453), "2025-12-31");
        assert_eq!(date(-1), "1969-12-31");
    }

    #[test]
    fn learner_text_is_escaped() {
        let d = "deployment_id,commit_time,deploy_time,status,service\n<b>x</b>,2026-10-05T08:15:00Z,2026-10-05T10:45:00Z,success,<script>\n";
        let data = parse(d, "").unwrap();
        let html = report_html(&data, &data.metrics(None), Lang::En, false);
        assert!(!html.contains("<script>") && !html.contains("<b>"));
    }
}
