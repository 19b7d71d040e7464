//! What the browser gets of an exercise: the data set to work from, and nothing that
//! gives the answer away, for every fixture (and, in `content.rs`, every shipped
//! exercise).

use super::*;
use crate::data::xray::bottleneck;

/// `text` as it appears inside a JSON string.
fn escaped(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_owned()
}

/// A number as people write it: two decimals at most, no trailing zeros.
fn short(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Asserts that no public view of `ex`, in either language, gives its answer away: no
/// solution, no computed result, no self time, no expected metric value.
#[track_caller]
pub(super) fn assert_answer_free(ex: &Exercise) {
    for lang in [Lang::En, Lang::Vi] {
        let view = public_view(ex, lang);
        let json = serde_json::to_string(&view).unwrap();
        let name = format!("{}/{} ({lang:?})", ex.module, ex.id);
        for field in [
            "self_ms",
            "\"tier\"",
            "\"drifted\"",
            "\"metrics\"",
            "\"solution\"",
        ] {
            assert!(!json.contains(field), "{name}: {field}");
        }
        let solution = ex.solution.trim();
        if solution != ex.starter.trim() {
            assert!(!json.contains(&escaped(solution)), "{name}: the solution");
        }
        let data = match &ex.checker {
            Checker::Lint(_) => {
                assert!(view.data.is_none(), "{name}");
                continue;
            }
            // The series is not an answer; the alarm that passes is nowhere in the view.
            Checker::Alarm(series) => {
                let Some(PublicData::Series { points, .. }) = &view.data else {
                    panic!("{name}: {:?}", view.data);
                };
                assert_eq!(*points, series.points, "{name}");
                continue;
            }
            Checker::Data(data) => data,
        };
        assert!(view.data.is_some(), "{name}");
        // An answer document is short: no line of it may show.
        for line in ex
            .solution
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            assert!(
                !json.contains(&escaped(line)),
                "{name}: the solution's `{line}`"
            );
        }
        match data {
            DataSet::Dora { metrics, .. } => {
                let values = [
                    Some(metrics.deployment_frequency_per_day),
                    Some(metrics.lead_time_median_hours),
                    Some(metrics.change_failure_rate_percent),
                    metrics.recovery_median_hours,
                ];
                // Whole numbers appear in any timestamp; a decimal one only in prose.
                for v in values.into_iter().flatten().filter(|v| v.fract() != 0.0) {
                    let dot = short(v);
                    assert!(!json.contains(&dot), "{name}: the value {dot}");
                    let comma = dot.replace('.', ",");
                    assert!(
                        !view.instructions.contains(&comma),
                        "{name}: the value {comma}"
                    );
                }
            }
            DataSet::Xray { trace } => {
                let id = bottleneck(trace).unwrap();
                let b = trace.spans.iter().find(|s| s.id == id).unwrap();
                // A leaf's self time is its duration, which the waterfall must show.
                let shown = trace.spans.iter().any(|s| {
                    (s.duration_ms - b.self_ms).abs() < 1e-6
                        || (s.start_ms - b.self_ms).abs() < 1e-6
                });
                if !shown {
                    let value = serde_json::to_string(&b.self_ms).unwrap();
                    assert!(!json.contains(&format!(":{value}")), "{name}: {value}");
                    let ms = format!("{} ms", b.self_ms.round());
                    assert!(!view.instructions.contains(&ms), "{name}: {ms}");
                }
            }
            DataSet::Drift { .. } => {}
        }
    }
}

#[test]
fn every_public_view_of_the_fixtures_is_answer_free() {
    for name in [
        "01-node-tests-cache",
        "02-ecs-blue-green",
        "03-secure-artifact-bucket",
        "04-fargate-task",
        "05-harden-node-image",
        "06-target-5xx-alarm",
    ] {
        assert_answer_free(&fixture(name));
    }
    for name in ["01-dora-fortnight", "02-xray-payments", "03-drift-open-ssh"] {
        assert_answer_free(&data_fixture(name));
    }
}

#[test]
fn a_dora_view_carries_both_csv_files_as_authored() {
    let ex = data_fixture("01-dora-fortnight");
    let view = public_view(&ex, Lang::En);
    let dir = data_module().join("exercises/01-dora-fortnight");
    let Some(PublicData::Dora {
        deployments_csv,
        incidents_csv,
    }) = &view.data
    else {
        panic!("{:?}", view.data);
    };
    assert_eq!(
        *deployments_csv,
        std::fs::read_to_string(dir.join("deployments.csv")).unwrap()
    );
    assert_eq!(
        *incidents_csv,
        std::fs::read_to_string(dir.join("incidents.csv")).unwrap()
    );
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["data"]["type"], "dora");
    assert_eq!(json["kind"], "dora-metrics");
    let back: PublicExercise = serde_json::from_value(json).unwrap();
    assert_eq!(back, view);
}

#[test]
fn an_xray_view_carries_the_waterfall_without_self_times() {
    let ex = data_fixture("02-xray-payments");
    let view = public_view(&ex, Lang::Vi);
    assert_eq!(view.title, "1,4 giây của checkout đi đâu?");
    let Some(PublicData::Xray { trace_id, spans }) = &view.data else {
        panic!("{:?}", view.data);
    };
    assert_eq!(
        trace_id.as_deref(),
        Some("1-6acef305-3f9b2a7c8d1e4f5a6b7c8d9e")
    );
    assert_eq!(spans.len(), 11);
    let root = &spans[0];
    assert_eq!(
        (
            root.name.as_str(),
            root.kind,
            root.depth,
            root.parent.as_deref()
        ),
        ("checkout-api/prod", PublicSpanKind::Segment, 0, None)
    );
    assert_eq!(root.http_status, Some(200));
    assert!((root.duration_ms - 1420.0).abs() < 1e-6);
    let dynamo = spans.iter().find(|s| s.id == "0e1f2a3b4c5d6e7f").unwrap();
    assert_eq!(dynamo.kind, PublicSpanKind::Inferred);
    let get_item = spans.iter().find(|s| s.id == "ab1c2d3e4f5a6b7c").unwrap();
    assert_eq!(get_item.operation.as_deref(), Some("GetItem"));
    assert_eq!(get_item.namespace.as_deref(), Some("aws"));
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["data"]["type"], "xray");
    assert_eq!(json["data"]["spans"][0]["kind"], "segment");
    let back: PublicExercise = serde_json::from_value(json).unwrap();
    assert_eq!(back, view);
}

#[test]
fn a_drift_view_carries_the_report_and_the_template_as_authored() {
    let ex = data_fixture("03-drift-open-ssh");
    let view = public_view(&ex, Lang::En);
    let dir = data_module().join("exercises/03-drift-open-ssh");
    let Some(PublicData::Drift {
        report_json,
        template,
    }) = &view.data
    else {
        panic!("{:?}", view.data);
    };
    assert_eq!(
        *report_json,
        std::fs::read_to_string(dir.join("drift.json")).unwrap()
    );
    assert_eq!(
        template.as_deref(),
        Some(
            std::fs::read_to_string(dir.join("template.yaml"))
                .unwrap()
                .as_str()
        )
    );
    assert_eq!(
        serde_json::to_value(&view).unwrap()["data"]["type"],
        "drift"
    );
}

#[test]
fn a_lint_view_has_no_data() {
    let view = public_view(&fixture("01-node-tests-cache"), Lang::En);
    assert_eq!(view.data, None);
    assert!(serde_json::to_value(&view).unwrap()["data"].is_null());
}
