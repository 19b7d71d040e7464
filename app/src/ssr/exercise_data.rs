//! The data set of a data exercise, drawn for the page: DORA records and drift reports
//! as the files the learner would download, an X-Ray trace as a waterfall. Nothing here
//! shows an answer: the public view leaves out each span's self time (which names the
//! bottleneck), the computed metrics and the drifted properties.

use lab_core::Lang;
use lab_core::content::shortcode::escape;
use lab_core::exercise::{PublicData, PublicSpan, PublicSpanKind};
use lab_core::highlight::highlight;

/// A data exercise's data set (from its public view) as HTML, every text escaped.
pub fn data_html(data: PublicData, lang: Lang) -> String {
    match data {
        PublicData::Dora {
            deployments_csv,
            incidents_csv,
        } => format!(
            "{}{}",
            file_block("deployments.csv", "", &deployments_csv),
            file_block("incidents.csv", "", &incidents_csv)
        ),
        PublicData::Xray { trace_id, spans } => waterfall(trace_id.as_deref(), &spans, lang),
        PublicData::Series { points, unit } => series(&points, unit.as_deref(), lang),
        PublicData::Drift {
            report_json,
            template,
        } => {
            let mut html = file_block(
                "drift report (describe-stack-resource-drifts)",
                "json",
                &report_json,
            );
            if let Some(t) = template {
                let syntax = if t.trim_start().starts_with('{') {
                    "json"
                } else {
                    "yaml"
                };
                html.push_str(&file_block("template", syntax, &t));
            }
            html
        }
    }
}

fn file_block(name: &str, syntax: &str, text: &str) -> String {
    let code = highlight(syntax, text).unwrap_or_else(|| escape(text));
    format!(
        "<figure class=\"data-file\"><figcaption><code>{}</code></figcaption><pre class=\"code data-pre\"><code>{code}</code></pre></figure>",
        escape(name)
    )
}

fn waterfall(trace_id: Option<&str>, spans: &[PublicSpan], lang: Lang) -> String {
    let end = spans
        .iter()
        .map(|s| s.start_ms + s.duration_ms)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let caption = match lang {
        Lang::En => {
            "Trace waterfall: each bar is a segment or subsegment, from its start to its end."
        }
        Lang::Vi => {
            "Waterfall của trace: mỗi thanh là một segment hoặc subsegment, từ lúc bắt đầu đến lúc kết thúc."
        }
    };
    let mut html = format!("<p class=\"meta\">{}", escape(caption));
    if let Some(id) = trace_id {
        html.push_str(&format!(" Trace <code>{}</code>", escape(id)));
    }
    html.push_str("</p><div class=\"waterfall\" role=\"table\">");
    for s in spans {
        let kind = match s.kind {
            PublicSpanKind::Segment => "segment",
            PublicSpanKind::Subsegment => "subsegment",
            PublicSpanKind::Inferred => "inferred",
        };
        let mut label = s.name.clone();
        if let Some(op) = &s.operation {
            label.push_str(&format!(" · {op}"));
        }
        if let Some(status) = s.http_status {
            label.push_str(&format!(" · {status}"));
        }
        let class = if s.fault {
            "bar fault"
        } else if s.error || s.throttle {
            "bar error"
        } else {
            "bar"
        };
        let left = s.start_ms / end * 100.0;
        let width = (s.duration_ms / end * 100.0).max(0.2);
        html.push_str(&format!(
            "<div class=\"span-name\" role=\"cell\" style=\"padding-left:{indent}rem\" title=\"{kind}: {title}\">{name}</div><div class=\"track\" role=\"cell\"><div class=\"{class}\" style=\"left:{left:.2}%;width:{width:.2}%\"></div></div><div class=\"ms\" role=\"cell\">{start:.0}–{stop:.0} ms</div>",
            indent = s.depth as f64 * 0.75,
            title = escape(&label),
            name = escape(&label),
            start = s.start_ms,
            stop = s.start_ms + s.duration_ms,
        ));
    }
    html.push_str("</div>");
    html
}

/// A metric series, one bar per minute; a missing datapoint leaves a gap and is listed.
fn series(points: &[Option<f64>], unit: Option<&str>, lang: Lang) -> String {
    let n = points.len().max(1);
    let top = points.iter().flatten().copied().fold(0.0_f64, f64::max);
    let top = if top > 0.0 { top } else { 1.0 };
    let (w, h, pad) = (640.0_f64, 180.0_f64, 24.0_f64);
    let bar = (w - 2.0 * pad) / n as f64;
    let unit_text = unit.map(|u| format!(" ({u})")).unwrap_or_default();
    let title = match lang {
        Lang::En => format!("The metric, one datapoint per minute{unit_text}"),
        Lang::Vi => format!("Metric, mỗi phút một datapoint{unit_text}"),
    };
    let mut svg = format!(
        "<figure class=\"metric-series\"><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = escape(&title)
    );
    for (i, p) in points.iter().enumerate() {
        let Some(v) = p else { continue };
        let bh = (v / top).clamp(0.0, 1.0) * (h - 2.0 * pad);
        svg.push_str(&format!(
            "<rect class=\"point\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"><title>{} {}: {v}</title></rect>",
            pad + bar * i as f64 + bar * 0.1,
            h - pad - bh,
            (bar * 0.8).max(1.0),
            match lang {
                Lang::En => "minute",
                Lang::Vi => "phút",
            },
            i + 1
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{pad}\" y1=\"{b}\" x2=\"{x2}\" y2=\"{b}\" class=\"axis\"/><text x=\"{pad}\" y=\"{t}\" class=\"label\">1</text><text x=\"{x2}\" y=\"{t}\" class=\"label\" text-anchor=\"end\">{n}</text><text x=\"{pad}\" y=\"14\" class=\"label\">{top}{}</text></svg>",
        escape(&unit_text),
        b = h - pad,
        x2 = w - pad,
        t = h - 6.0,
    ));
    let missing: Vec<String> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    let caption = match (lang, missing.is_empty()) {
        (Lang::En, true) => title,
        (Lang::En, false) => format!("{title}; no datapoint at minute {}", missing.join(", ")),
        (Lang::Vi, true) => title,
        (Lang::Vi, false) => format!("{title}; không có datapoint ở phút {}", missing.join(", ")),
    };
    svg.push_str(&format!(
        "<figcaption>{}</figcaption></figure>",
        escape(&caption)
    ));
    svg
}
