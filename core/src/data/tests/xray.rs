use super::fixture;
use crate::data::check_bottleneck_answer;
use crate::data::xray::{MAX_SPANS, SpanKind, Waterfall, bottleneck, parse_trace};
use serde_json::json;

fn span<'a>(w: &'a Waterfall, id: &str) -> &'a crate::data::xray::Span {
    w.spans.iter().find(|s| s.id == id).unwrap()
}

/// Wraps segment documents the way `batch-get-traces` prints them.
fn trace(documents: &[serde_json::Value]) -> String {
    let segments: Vec<_> = documents
        .iter()
        .map(|d| json!({"Id": d["id"], "Document": d.to_string()}))
        .collect();
    json!({"Traces": [{"Id": "1-00000000-000000000000000000000000", "Segments": segments}]})
        .to_string()
}

#[test]
fn the_checkout_fixture_finds_the_slow_payments_call() {
    let w = parse_trace(&fixture("xray/checkout-trace.json")).unwrap();
    assert_eq!(
        w.trace_id.as_deref(),
        Some("1-6acef305-3f9b2a7c8d1e4f5a6b7c8d9e")
    );
    assert_eq!(w.spans.len(), 11);
    assert!((w.duration_ms - 1420.0).abs() < 1e-6);
    let b = span(&w, bottleneck(&w).unwrap());
    assert_eq!(b.name, "payments.internal.example.com");
    assert_eq!(b.namespace.as_deref(), Some("remote"));
    assert!((b.self_ms - 1210.0).abs() < 1e-6);
    // The tree: API Gateway, its Lambda call, the Lambda service, the function, the
    // Invocation, the calls; inferred segments under their calls.
    let gateway = &w.spans[0];
    assert_eq!(
        (gateway.name.as_str(), gateway.depth, gateway.kind),
        ("checkout-api/prod", 0, SpanKind::Segment)
    );
    assert_eq!(gateway.http_status, Some(200));
    assert_eq!(
        span(&w, "7b8c9d0e1f2a3b4c").parent.as_deref(),
        Some("6a7b8c9d0e1f2a3b")
    );
    assert_eq!(b.depth, 5);
    let dynamo = span(&w, "0e1f2a3b4c5d6e7f");
    assert_eq!((dynamo.kind, dynamo.depth), (SpanKind::Inferred, 6));
    // An inferred segment takes no time from the call that made it.
    let get_item = span(&w, "ab1c2d3e4f5a6b7c");
    assert_eq!(get_item.operation.as_deref(), Some("GetItem"));
    assert!((get_item.self_ms - 28.0).abs() < 1e-6);
    assert!((span(&w, "9d0e1f2a3b4c5d6e").self_ms - 101.0).abs() < 1e-6);
    // Sorted by start, parents before children that start with them.
    assert!(w.spans.windows(2).all(|p| p[0].start_ms <= p[1].start_ms));
    assert!(
        w.spans.iter().position(|s| s.id == "ab1c2d3e4f5a6b7c")
            < w.spans.iter().position(|s| s.id == "0e1f2a3b4c5d6e7f")
    );
}

#[test]
fn the_own_code_fixture_blames_the_service_itself() {
    let w = parse_trace(&fixture("xray/checkout-trace-own-code.json")).unwrap();
    let b = span(&w, bottleneck(&w).unwrap());
    assert_eq!(
        (b.name.as_str(), b.kind, b.depth),
        ("checkout", SpanKind::Segment, 0)
    );
    // 1180 ms minus DynamoDB 8–41 (two calls in parallel), payments 141, SQS 24.
    assert!((b.self_ms - 982.0).abs() < 1e-6, "{}", b.self_ms);
}

#[test]
fn overlapping_children_are_subtracted_once_and_clipped_to_the_parent() {
    let doc = json!({
        "id": "p", "name": "parent", "start_time": 100.0, "end_time": 101.0,
        "subsegments": [
            {"id": "a", "name": "a", "start_time": 100.1, "end_time": 100.4},
            {"id": "b", "name": "b", "start_time": 100.3, "end_time": 100.5},
            {"id": "c", "name": "c", "start_time": 100.2, "end_time": 100.25},
            // Runs past the parent's end: only 100.9–101.0 counts.
            {"id": "d", "name": "d", "start_time": 100.9, "end_time": 101.3}
        ]
    });
    let w = parse_trace(&trace(&[doc])).unwrap();
    // Covered: 100.1–100.5 and 100.9–101.0 = 500 ms of 1000.
    assert!(
        (span(&w, "p").self_ms - 500.0).abs() < 1e-6,
        "{}",
        span(&w, "p").self_ms
    );
    assert!((span(&w, "d").duration_ms - 400.0).abs() < 1e-6);
    assert_eq!(bottleneck(&w), Some("p"));
}

#[test]
fn a_tie_goes_to_the_earliest_span() {
    let doc = json!({
        "id": "p", "name": "parent", "start_time": 10.0, "end_time": 10.3,
        "subsegments": [
            {"id": "late", "name": "late", "start_time": 10.2, "end_time": 10.3},
            {"id": "early", "name": "early", "start_time": 10.0, "end_time": 10.1}
        ]
    });
    let w = parse_trace(&trace(&[doc])).unwrap();
    // All three spend 100 ms on their own; the parent starts first.
    assert_eq!(bottleneck(&w), Some("p"));
}

#[test]
fn a_single_trace_object_and_an_object_document_are_read_too() {
    let src = json!({"Id": "1-x", "Segments": [{"Id": "s", "Document": {
        "id": "s", "name": "svc", "start_time": 1.0, "end_time": 1.5, "fault": true,
        "http": {"response": {"status": 502}}}}]})
    .to_string();
    let w = parse_trace(&src).unwrap();
    assert_eq!(w.trace_id.as_deref(), Some("1-x"));
    assert!(w.spans[0].fault && !w.spans[0].error);
    assert_eq!(w.spans[0].http_status, Some(502));
}

#[test]
fn a_parent_id_outside_the_trace_makes_a_root() {
    let doc = json!({"id": "s", "name": "svc", "parent_id": "upstream", "start_time": 1.0, "end_time": 2.0});
    let w = parse_trace(&trace(&[doc])).unwrap();
    assert_eq!((w.spans[0].parent.as_deref(), w.spans[0].depth), (None, 0));
}

fn refused(src: &str) -> String {
    parse_trace(src)
        .expect_err("the trace should be refused")
        .message
}

#[test]
fn malformed_traces_are_refused_with_a_clear_message() {
    let ok = |id: &str| json!({"id": id, "name": id, "start_time": 1.0, "end_time": 2.0});
    let cases: Vec<(String, &str)> = vec![
        ("not json".to_owned(), "not valid JSON"),
        (json!({"Traces": []}).to_string(), "UnprocessedTraceIds"),
        (
            json!({"Traces": [{"Segments": []}, {"Segments": []}]}).to_string(),
            "holds 2 traces",
        ),
        (json!({"Foo": 1}).to_string(), "no `Segments` list"),
        (json!({"Segments": []}).to_string(), "no segments"),
        (
            json!({"Segments": [{"Id": "a"}]}).to_string(),
            "has no `Document`",
        ),
        (
            json!({"Segments": [{"Id": "a", "Document": "{oops"}]}).to_string(),
            "segment 1 of the trace is not valid JSON",
        ),
        (
            trace(&[json!({"name": "x", "start_time": 1.0, "end_time": 2.0})]),
            "has no `id`",
        ),
        (
            trace(&[json!({"id": "a", "name": "x", "end_time": 2.0})]),
            "no `start_time`",
        ),
        (
            trace(&[json!({"id": "a", "name": "x", "start_time": 1.0, "in_progress": true})]),
            "still in progress",
        ),
        (
            trace(&[json!({"id": "a", "name": "x", "start_time": 3.0, "end_time": 2.0})]),
            "ends before it starts",
        ),
        (trace(&[ok("a"), ok("a")]), "appears twice"),
        (
            trace(&[
                json!({"id": "a", "name": "a", "parent_id": "b", "start_time": 1.0, "end_time": 2.0}),
                json!({"id": "b", "name": "b", "parent_id": "a", "start_time": 1.0, "end_time": 2.0}),
            ]),
            "loop",
        ),
    ];
    for (src, expected) in cases {
        let message = refused(&src);
        assert!(
            message.contains(expected),
            "expected `{expected}` in `{message}`"
        );
    }
}

#[test]
fn nesting_past_sixty_four_levels_is_refused() {
    // As a chain of segments linked by parent_id...
    let chain: Vec<_> = (0..70)
        .map(|i| {
            let mut d =
                json!({"id": format!("s{i}"), "name": "n", "start_time": 1.0, "end_time": 2.0});
            if i > 0 {
                d["parent_id"] = json!(format!("s{}", i - 1));
            }
            d
        })
        .collect();
    assert!(refused(&trace(&chain)).contains("deeper than 64"));
    // ...and as nested subsegments in one document.
    let mut doc = json!({"id": "leaf", "name": "n", "start_time": 1.0, "end_time": 2.0});
    for i in 0..100 {
        doc = json!({"id": format!("d{i}"), "name": "n", "start_time": 1.0, "end_time": 2.0, "subsegments": [doc]});
    }
    assert!(refused(&trace(&[doc])).contains("deeper than 64"));
    // Sixty levels are fine.
    let w = parse_trace(&trace(&chain[..61])).unwrap();
    assert_eq!(w.spans.iter().map(|s| s.depth).max(), Some(60));
}

#[test]
fn too_many_spans_or_bytes_are_refused() {
    let subs: Vec<_> = (0..MAX_SPANS)
        .map(|i| json!({"id": format!("c{i}"), "name": "c", "start_time": 1.0, "end_time": 1.5}))
        .collect();
    let doc =
        json!({"id": "root", "name": "r", "start_time": 1.0, "end_time": 2.0, "subsegments": subs});
    assert!(refused(&trace(&[doc])).contains("more than 10000 spans"));
    let huge = format!(
        "{{\"Segments\": [], \"pad\": \"{}\"}}",
        "x".repeat(6 * 1024 * 1024)
    );
    assert!(refused(&huge).contains("the limit is 5 MB"));
}

#[test]
fn naming_the_bottleneck_by_name_or_id_passes() {
    let w = parse_trace(&fixture("xray/checkout-trace.json")).unwrap();
    for answer in [
        "payments.internal.example.com",
        "  Payments.Internal.Example.com ",
        "bc2d3e4f5a6b7c8d",
    ] {
        let c = check_bottleneck_answer(&w, answer);
        assert!(c.passed, "{answer}: {}", c.message);
        assert_eq!(c.key, "bottleneck");
    }
    let own = parse_trace(&fixture("xray/checkout-trace-own-code.json")).unwrap();
    assert!(check_bottleneck_answer(&own, "checkout").passed);
    assert!(!check_bottleneck_answer(&own, "payments.internal.example.com").passed);
}

#[test]
fn naming_another_span_fails_with_a_hint_that_does_not_give_the_answer() {
    let w = parse_trace(&fixture("xray/checkout-trace.json")).unwrap();
    let ancestor = check_bottleneck_answer(&w, "Invocation");
    assert!(!ancestor.passed && ancestor.expected_hidden);
    assert!(
        ancestor.message.contains("waits on something it calls"),
        "{}",
        ancestor.message
    );
    let elsewhere = check_bottleneck_answer(&w, "SQS");
    assert!(
        elsewhere.message.contains("not where the time goes"),
        "{}",
        elsewhere.message
    );
    let unknown = check_bottleneck_answer(&w, "orders");
    assert!(
        unknown.message.contains("no span named"),
        "{}",
        unknown.message
    );
    assert!(!check_bottleneck_answer(&w, "   ").passed);
    for c in [ancestor, elsewhere, unknown] {
        assert!(!c.message.contains("payments"), "{}", c.message);
    }
}

#[test]
fn an_inferred_segment_standing_for_the_bottleneck_call_passes() {
    let caller = json!({"id": "svc", "name": "svc", "start_time": 1.0, "end_time": 2.0,
        "subsegments": [{"id": "call", "name": "DynamoDB", "namespace": "aws", "start_time": 1.05, "end_time": 1.95}]});
    let inferred = json!({"id": "inf", "name": "carts-table", "inferred": true, "parent_id": "call",
        "start_time": 1.05, "end_time": 1.95});
    let w = parse_trace(&trace(&[inferred, caller])).unwrap();
    assert_eq!(bottleneck(&w), Some("call"));
    assert!(check_bottleneck_answer(&w, "carts-table").passed);
    assert!(check_bottleneck_answer(&w, "dynamodb").passed);
}
