//! An X-Ray trace as a waterfall, and its bottleneck.
//!
//! The input is what `aws xray batch-get-traces --trace-ids <id>` prints: `Traces[]`,
//! each with `Id` and `Segments[]`, each segment's `Document` being a JSON *string*
//! holding a segment document (`id`, `name`, `start_time` and `end_time` in epoch
//! seconds, optional `parent_id`, `namespace`, `http`, `aws`, the `error`, `fault` and
//! `throttle` flags, `inferred` for the downstream segments X-Ray makes up itself, and
//! nested `subsegments`). One trace object on its own (`{"Id": …, "Segments": […]}`) is
//! read too, and a `Document` that is already an object.
//!
//! Every segment and subsegment becomes a [`Span`]. A subsegment's parent is the
//! document it sits in; a segment's is its `parent_id` when that names a span of the
//! trace (API Gateway's `Lambda` subsegment, say), else it is a root. Spans are sorted
//! by start, parents before children that start with them.
//!
//! **Self time** is a span's duration minus the union of its children's intervals
//! (clipped to the span), so parallel calls are not subtracted twice. An inferred
//! segment repeats the interval of the call that made it, so it is drawn but takes no
//! time from its parent: the call itself stays the bottleneck. The **bottleneck** is
//! the span with the largest self time, the earliest on a tie.

use super::{DataError, MAX_BYTES};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Most spans in one trace.
pub const MAX_SPANS: usize = 10_000;
/// Deepest span; a root is at depth 0.
pub const MAX_DEPTH: usize = 64;

/// What a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// A segment: the work of one service for the request.
    Segment,
    /// A subsegment: a call or a block of work inside a segment.
    Subsegment,
    /// A segment X-Ray inferred for a downstream AWS resource.
    Inferred,
}

/// One bar of the waterfall. Times are milliseconds from the trace's first start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The document's `id`.
    pub id: String,
    /// The parent span's id; `None` for a root.
    pub parent: Option<String>,
    /// The document's `name` (a service, an AWS service, a host, a block of code).
    pub name: String,
    /// Segment, subsegment or inferred segment.
    pub kind: SpanKind,
    /// `aws` or `remote` for calls, as the document says.
    pub namespace: Option<String>,
    /// The AWS operation (`GetItem`, `SendMessage`), when the document has one.
    pub operation: Option<String>,
    /// The HTTP response status, when the document has one.
    pub http_status: Option<u16>,
    /// Nesting depth, roots at 0.
    pub depth: usize,
    /// Start, from the trace's first start.
    pub start_ms: f64,
    /// `end_time` − `start_time`.
    pub duration_ms: f64,
    /// Duration minus the union of the children's intervals.
    pub self_ms: f64,
    /// A 4xx error.
    pub error: bool,
    /// A 5xx fault.
    pub fault: bool,
    /// A 429 throttle.
    pub throttle: bool,
}

/// A trace ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waterfall {
    /// The trace's `Id`, when given.
    pub trace_id: Option<String>,
    /// From the first start to the last end.
    pub duration_ms: f64,
    /// Sorted by start, a parent before children that start with it.
    pub spans: Vec<Span>,
}

/// A segment or subsegment document, as far as the waterfall needs it.
#[derive(Debug, Deserialize)]
struct RawDoc {
    id: Option<String>,
    name: Option<String>,
    start_time: Option<f64>,
    end_time: Option<f64>,
    #[serde(default)]
    in_progress: bool,
    parent_id: Option<String>,
    namespace: Option<String>,
    #[serde(default)]
    inferred: bool,
    #[serde(default)]
    error: bool,
    #[serde(default)]
    fault: bool,
    #[serde(default)]
    throttle: bool,
    http: Option<serde_json::Value>,
    aws: Option<serde_json::Value>,
    #[serde(default)]
    subsegments: Vec<RawDoc>,
}

/// A span before the tree is known: times in epoch seconds.
struct Flat {
    span: Span,
    start: f64,
    end: f64,
    /// `parent_id` of a top-level document, to resolve once every id is known.
    wanted_parent: Option<String>,
}

fn err(message: impl Into<String>) -> DataError {
    DataError::new(message)
}

fn json_error(what: &str, e: &serde_json::Error) -> DataError {
    if e.to_string().contains("recursion limit") {
        err(format!(
            "{what} nests subsegments deeper than {MAX_DEPTH} levels"
        ))
    } else {
        err(format!("{what} is not valid JSON: {e}"))
    }
}

/// Reads one trace into a waterfall.
pub fn parse_trace(src: &str) -> Result<Waterfall, DataError> {
    if src.len() > MAX_BYTES {
        return Err(err(format!(
            "the trace is {:.1} MB; the limit is {} MB",
            src.len() as f64 / (1024.0 * 1024.0),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let root: serde_json::Value =
        serde_json::from_str(src).map_err(|e| json_error("the file", &e))?;
    let trace = match root.get("Traces") {
        Some(serde_json::Value::Array(traces)) => match traces.as_slice() {
            [one] => one,
            [] => {
                return Err(err(
                    "`Traces` is empty: the trace id was not found (see UnprocessedTraceIds)",
                ));
            }
            many => {
                return Err(err(format!(
                    "the file holds {} traces; export one with --trace-ids <id>",
                    many.len()
                )));
            }
        },
        Some(_) => return Err(err("`Traces` should be a list")),
        None => &root,
    };
    let Some(segments) = trace.get("Segments").and_then(|s| s.as_array()) else {
        return Err(err(
            "no `Segments` list: expected the output of `aws xray batch-get-traces`",
        ));
    };
    if segments.is_empty() {
        return Err(err("the trace has no segments"));
    }
    let mut flats: Vec<Flat> = Vec::new();
    for (k, segment) in segments.iter().enumerate() {
        let what = format!("segment {} of the trace", k + 1);
        let doc: RawDoc = match segment.get("Document") {
            Some(serde_json::Value::String(text)) => {
                serde_json::from_str(text).map_err(|e| json_error(&what, &e))?
            }
            Some(object @ serde_json::Value::Object(_)) => {
                RawDoc::deserialize(object).map_err(|e| json_error(&what, &e))?
            }
            _ => return Err(err(format!("{what} has no `Document`"))),
        };
        flatten(doc, &mut flats)?;
    }
    let trace_id = trace.get("Id").and_then(|v| v.as_str()).map(str::to_owned);
    build(trace_id, flats)
}

/// Appends a document and its subsegments, depth first, without recursion.
fn flatten(doc: RawDoc, out: &mut Vec<Flat>) -> Result<(), DataError> {
    let mut stack: Vec<(RawDoc, Option<String>)> = vec![(doc, None)];
    while let Some((mut doc, container)) = stack.pop() {
        if out.len() == MAX_SPANS {
            return Err(err(format!("the trace has more than {MAX_SPANS} spans")));
        }
        let name = doc.name.clone().unwrap_or_default();
        let label = if name.is_empty() {
            "a span".to_owned()
        } else {
            format!("`{name}`")
        };
        let Some(id) = doc.id.clone().filter(|id| !id.is_empty()) else {
            return Err(err(format!("{label} has no `id`")));
        };
        let Some(start) = doc.start_time else {
            return Err(err(format!("{label} ({id}) has no `start_time`")));
        };
        let Some(end) = doc.end_time else {
            return Err(err(if doc.in_progress {
                format!(
                    "{label} ({id}) is still in progress; export the trace once the request has finished"
                )
            } else {
                format!("{label} ({id}) has no `end_time`")
            }));
        };
        if !(start.is_finite() && end.is_finite()) || end < start {
            return Err(err(format!("{label} ({id}) ends before it starts")));
        }
        let kind = match (&container, doc.inferred) {
            (Some(_), _) => SpanKind::Subsegment,
            (None, true) => SpanKind::Inferred,
            (None, false) => SpanKind::Segment,
        };
        let http_status = doc
            .http
            .as_ref()
            .and_then(|h| h.pointer("/response/status"))
            .and_then(serde_json::Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
        let operation = doc
            .aws
            .as_ref()
            .and_then(|a| a.get("operation"))
            .and_then(|o| o.as_str())
            .map(str::to_owned);
        let wanted_parent = if container.is_none() {
            doc.parent_id.take()
        } else {
            None
        };
        for child in std::mem::take(&mut doc.subsegments).into_iter().rev() {
            stack.push((child, Some(id.clone())));
        }
        out.push(Flat {
            span: Span {
                id,
                parent: container,
                name: if name.is_empty() {
                    "(unnamed)".to_owned()
                } else {
                    name
                },
                kind,
                namespace: doc.namespace,
                operation,
                http_status,
                depth: 0,
                start_ms: 0.0,
                duration_ms: 0.0,
                self_ms: 0.0,
                error: doc.error,
                fault: doc.fault,
                throttle: doc.throttle,
            },
            start,
            end,
            wanted_parent,
        });
    }
    Ok(())
}

/// Links parents, measures depth and self time, and sorts.
fn build(trace_id: Option<String>, mut flats: Vec<Flat>) -> Result<Waterfall, DataError> {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(flats.len());
    for (i, f) in flats.iter().enumerate() {
        if index.insert(f.span.id.clone(), i).is_some() {
            return Err(err(format!(
                "the id {} appears twice in the trace",
                f.span.id
            )));
        }
    }
    // A parent_id outside the trace is an upstream caller that was not traced: a root.
    for f in &mut flats {
        if let Some(p) = f.wanted_parent.take()
            && index.contains_key(&p)
        {
            f.span.parent = Some(p);
        }
    }
    let parent: Vec<Option<usize>> = flats
        .iter()
        .map(|f| f.span.parent.as_ref().and_then(|p| index.get(p).copied()))
        .collect();
    let depth = depths(&flats, &parent)?;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); flats.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = *p
            && flats[i].span.kind != SpanKind::Inferred
        {
            children[p].push(i);
        }
    }
    let t0 = flats.iter().map(|f| f.start).fold(f64::INFINITY, f64::min);
    let t1 = flats
        .iter()
        .map(|f| f.end)
        .fold(f64::NEG_INFINITY, f64::max);
    let ms = |seconds: f64| (seconds * 1_000_000.0).round() / 1_000.0;
    let mut selves = Vec::with_capacity(flats.len());
    for (i, f) in flats.iter().enumerate() {
        let intervals: Vec<(f64, f64)> = children[i]
            .iter()
            .map(|&c| (flats[c].start.max(f.start), flats[c].end.min(f.end)))
            .filter(|(s, e)| e > s)
            .collect();
        selves.push((f.end - f.start - union_length(intervals)).max(0.0));
    }
    let mut order: Vec<usize> = (0..flats.len()).collect();
    order.sort_by(|&a, &b| {
        flats[a]
            .start
            .total_cmp(&flats[b].start)
            .then(depth[a].cmp(&depth[b]))
            .then(a.cmp(&b))
    });
    let mut slots: Vec<Option<Flat>> = flats.into_iter().map(Some).collect();
    let mut spans = Vec::with_capacity(slots.len());
    for i in order {
        let Some(f) = slots[i].take() else { continue };
        let mut span = f.span;
        span.depth = depth[i];
        span.start_ms = ms(f.start - t0);
        span.duration_ms = ms(f.end - f.start);
        span.self_ms = ms(selves[i]);
        spans.push(span);
    }
    Ok(Waterfall {
        trace_id,
        duration_ms: ms(t1 - t0),
        spans,
    })
}

/// Depth of every span; fails on a `parent_id` loop or nesting past [`MAX_DEPTH`].
fn depths(flats: &[Flat], parent: &[Option<usize>]) -> Result<Vec<usize>, DataError> {
    const UNKNOWN: usize = usize::MAX;
    let mut depth = vec![UNKNOWN; flats.len()];
    for start in 0..flats.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        let mut base = 0;
        while let Some(i) = at {
            if depth[i] != UNKNOWN {
                base = depth[i] + 1;
                break;
            }
            if chain.contains(&i) {
                return Err(err(format!(
                    "the parent_id links loop back to {}",
                    flats[i].span.id
                )));
            }
            if chain.len() > MAX_DEPTH {
                return Err(err(format!(
                    "spans nest deeper than {MAX_DEPTH} levels under {}",
                    flats[i].span.id
                )));
            }
            chain.push(i);
            at = parent[i];
        }
        for (k, &i) in chain.iter().rev().enumerate() {
            depth[i] = base + k;
            if depth[i] > MAX_DEPTH {
                return Err(err(format!(
                    "spans nest deeper than {MAX_DEPTH} levels under {}",
                    flats[i].span.id
                )));
            }
        }
    }
    Ok(depth)
}

/// Total length covered by intervals that may overlap.
fn union_length(mut intervals: Vec<(f64, f64)>) -> f64 {
    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut total = 0.0;
    let mut current: Option<(f64, f64)> = None;
    for (s, e) in intervals {
        current = match current {
            Some((cs, ce)) if s <= ce => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = current {
        total += ce - cs;
    }
    total
}

/// The id of the span with the largest self time, the earliest on a tie (spans are
/// sorted by start); `None` only for a waterfall with no spans.
pub fn bottleneck(trace: &Waterfall) -> Option<&str> {
    let mut best: Option<&Span> = None;
    for span in &trace.spans {
        if best.is_none_or(|b| span.self_ms > b.self_ms + 1e-6) {
            best = Some(span);
        }
    }
    best.map(|s| s.id.as_str())
}
