//! CloudFormation drift: which properties of a stack's resources no longer match the
//! template.
//!
//! The input is what `aws cloudformation describe-stack-resource-drifts --stack-name …`
//! prints: `StackResourceDrifts[]`, each with `LogicalResourceId`, `ResourceType`,
//! `StackResourceDriftStatus` (`IN_SYNC`, `MODIFIED`, `DELETED`, `NOT_CHECKED`, and
//! `UNKNOWN` in newer APIs), `ExpectedProperties` and `ActualProperties` (JSON objects
//! *as strings*) and, for `MODIFIED` resources, `PropertyDifferences[]` with
//! `PropertyPath`, `ExpectedValue`, `ActualValue` and `DifferenceType` (`ADD`, `REMOVE`,
//! `NOT_EQUAL`). The output of `detect-stack-resource-drift` (one `StackResourceDrift`)
//! is read too.
//!
//! # Paths
//!
//! AWS writes property paths relative to the resource's properties, as JSON pointers
//! without escaping: `/RetentionInDays`, `/SecurityGroupIngress/1`,
//! `/VersioningConfiguration/Status`. That is the form kept here; a path that starts
//! with `/Properties/` (some tools and people write it so) is read without that prefix,
//! see [`super::normalise_property_path`].
//!
//! # The computed fallback
//!
//! A report without `PropertyDifferences` (hand-made, or trimmed by a `--query`) still
//! has both property sets; [`computed_differences`] compares them. Only what the
//! template sets is compared, as CloudFormation does: a key only in the actual
//! properties is not drift. Arrays are compared position by position; extra actual
//! items are `ADD`, missing ones `REMOVE`; scalars are compared as text, so `30` and
//! `"30"` agree. A missing side is written `null`.

use super::drift_answer::normalise_property_path;
use super::{DataError, MAX_BYTES};
use serde::Deserialize;
use serde_json::Value as Json;

/// Most resources read from one report.
pub const MAX_RESOURCES: usize = 10_000;

/// A resource's drift status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriftStatus {
    /// Matches the template.
    InSync,
    /// One or more properties differ.
    Modified,
    /// The resource is gone.
    Deleted,
    /// Not checked.
    NotChecked,
    /// CloudFormation could not run drift detection on it.
    Unknown,
}

/// How a property differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DifferenceType {
    /// A value was added to a list.
    Add,
    /// The property was removed.
    Remove,
    /// The value differs.
    NotEqual,
}

impl DifferenceType {
    /// The name AWS uses (`NOT_EQUAL`).
    pub fn as_str(self) -> &'static str {
        match self {
            DifferenceType::Add => "ADD",
            DifferenceType::Remove => "REMOVE",
            DifferenceType::NotEqual => "NOT_EQUAL",
        }
    }
}

/// One entry of `PropertyDifferences`, or one computed by [`computed_differences`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyDifference {
    /// Relative to the properties, like `/RetentionInDays`.
    pub path: String,
    /// The template's value, as text (`null` when absent).
    pub expected: String,
    /// The live value, as text (`null` when absent).
    pub actual: String,
    /// How it differs.
    pub difference: DifferenceType,
}

/// One resource of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDrift {
    /// `LogicalResourceId`.
    pub logical_id: String,
    /// `ResourceType`.
    pub resource_type: String,
    /// `StackResourceDriftStatus`.
    pub status: DriftStatus,
    /// `ExpectedProperties`, parsed.
    pub expected_properties: Option<Json>,
    /// `ActualProperties`, parsed.
    pub actual_properties: Option<Json>,
    /// `PropertyDifferences`, when the report has them.
    pub differences: Option<Vec<PropertyDifference>>,
}

/// A whole drift report.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftReport {
    /// In the report's order.
    pub resources: Vec<ResourceDrift>,
}

/// A property that drifted. Holds the answer of a drift exercise, so it is not
/// `Serialize`: it stays on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriftedProperty {
    /// The resource's logical id.
    pub logical_id: String,
    /// The resource's type.
    pub resource_type: String,
    /// Relative to the properties, like `/RetentionInDays`.
    pub property_path: String,
    /// The template's value, as text.
    pub expected: String,
    /// The live value, as text.
    pub actual: String,
    /// How it differs.
    pub difference: DifferenceType,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawDrift {
    logical_resource_id: String,
    resource_type: String,
    stack_resource_drift_status: String,
    expected_properties: Option<Json>,
    actual_properties: Option<Json>,
    property_differences: Option<Vec<RawDifference>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawDifference {
    property_path: String,
    expected_value: Option<Json>,
    actual_value: Option<Json>,
    difference_type: String,
}

fn err(message: impl Into<String>) -> DataError {
    DataError::new(message)
}

/// Reads a `describe-stack-resource-drifts` (or `detect-stack-resource-drift`) output.
pub fn parse_drift_report(src: &str) -> Result<DriftReport, DataError> {
    if src.len() > MAX_BYTES {
        return Err(err(format!(
            "the report is larger than the limit of {} MB",
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let root: Json =
        serde_json::from_str(src).map_err(|e| err(format!("the report is not valid JSON: {e}")))?;
    let raws: Vec<Json> = match (
        root.get("StackResourceDrifts"),
        root.get("StackResourceDrift"),
    ) {
        (Some(Json::Array(items)), _) => items.clone(),
        (None, Some(one @ Json::Object(_))) => vec![one.clone()],
        _ => {
            return Err(err(
                "no `StackResourceDrifts` list: expected the output of \
                 `aws cloudformation describe-stack-resource-drifts`",
            ));
        }
    };
    if raws.len() > MAX_RESOURCES {
        return Err(err(format!(
            "the report has more than {MAX_RESOURCES} resources"
        )));
    }
    let mut resources = Vec::with_capacity(raws.len());
    for (k, raw) in raws.into_iter().enumerate() {
        let raw: RawDrift = serde_json::from_value(raw)
            .map_err(|e| err(format!("resource {} of the report: {e}", k + 1)))?;
        resources.push(resource(raw)?);
    }
    Ok(DriftReport { resources })
}

fn resource(raw: RawDrift) -> Result<ResourceDrift, DataError> {
    let id = raw.logical_resource_id;
    let status = match raw.stack_resource_drift_status.as_str() {
        "IN_SYNC" => DriftStatus::InSync,
        "MODIFIED" => DriftStatus::Modified,
        "DELETED" => DriftStatus::Deleted,
        "NOT_CHECKED" => DriftStatus::NotChecked,
        "UNKNOWN" => DriftStatus::Unknown,
        other => return Err(err(format!("{id}: unknown drift status `{other}`"))),
    };
    let properties = |value: Option<Json>, which: &str| -> Result<Option<Json>, DataError> {
        match value {
            Some(Json::String(text)) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| err(format!("{id}: {which} is not valid JSON: {e}"))),
            Some(Json::Null) | None => Ok(None),
            Some(object) => Ok(Some(object)),
        }
    };
    let expected_properties = properties(raw.expected_properties, "ExpectedProperties")?;
    let actual_properties = properties(raw.actual_properties, "ActualProperties")?;
    let differences = match raw.property_differences {
        None => None,
        Some(list) => {
            let mut out = Vec::with_capacity(list.len());
            for d in list {
                let difference = match d.difference_type.as_str() {
                    "ADD" => DifferenceType::Add,
                    "REMOVE" => DifferenceType::Remove,
                    "NOT_EQUAL" => DifferenceType::NotEqual,
                    other => {
                        return Err(err(format!("{id}: unknown DifferenceType `{other}`")));
                    }
                };
                out.push(PropertyDifference {
                    path: normalise_property_path(&d.property_path),
                    expected: d
                        .expected_value
                        .as_ref()
                        .map_or_else(|| "null".to_owned(), text),
                    actual: d
                        .actual_value
                        .as_ref()
                        .map_or_else(|| "null".to_owned(), text),
                    difference,
                });
            }
            Some(out)
        }
    };
    Ok(ResourceDrift {
        logical_id: id,
        resource_type: raw.resource_type,
        status,
        expected_properties,
        actual_properties,
        differences,
    })
}

/// Every property of a `MODIFIED` resource that differs, in report order: from
/// `PropertyDifferences` when the report has them, else computed from the expected and
/// actual properties.
pub fn drifted_properties(report: &DriftReport) -> Vec<DriftedProperty> {
    let mut out = Vec::new();
    for r in &report.resources {
        if r.status != DriftStatus::Modified {
            continue;
        }
        let differences = match (&r.differences, &r.expected_properties, &r.actual_properties) {
            (Some(listed), _, _) if !listed.is_empty() => listed.clone(),
            (_, Some(expected), Some(actual)) => computed_differences(expected, actual),
            _ => Vec::new(),
        };
        out.extend(differences.into_iter().map(|d| DriftedProperty {
            logical_id: r.logical_id.clone(),
            resource_type: r.resource_type.clone(),
            property_path: d.path,
            expected: d.expected,
            actual: d.actual,
            difference: d.difference,
        }));
    }
    out
}

/// The differences between a resource's expected and actual properties (see the module
/// doc for the rules).
pub fn computed_differences(expected: &Json, actual: &Json) -> Vec<PropertyDifference> {
    let mut out = Vec::new();
    compare(&mut String::new(), expected, actual, &mut out);
    out
}

fn compare(path: &mut String, expected: &Json, actual: &Json, out: &mut Vec<PropertyDifference>) {
    let len = path.len();
    match (expected, actual) {
        (Json::Object(e), Json::Object(a)) => {
            for (key, ev) in e {
                path.push('/');
                path.push_str(key);
                match a.get(key) {
                    Some(av) => compare(path, ev, av, out),
                    None => out.push(difference(path, Some(ev), None, DifferenceType::Remove)),
                }
                path.truncate(len);
            }
        }
        (Json::Array(e), Json::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                path.push_str(&format!("/{i}"));
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => compare(path, ev, av, out),
                    (Some(ev), None) => {
                        out.push(difference(path, Some(ev), None, DifferenceType::Remove));
                    }
                    (None, av) => out.push(difference(path, None, av, DifferenceType::Add)),
                }
                path.truncate(len);
            }
        }
        _ if text(expected) == text(actual) => {}
        _ => out.push(difference(
            path,
            Some(expected),
            Some(actual),
            DifferenceType::NotEqual,
        )),
    }
}

fn difference(
    path: &str,
    expected: Option<&Json>,
    actual: Option<&Json>,
    kind: DifferenceType,
) -> PropertyDifference {
    PropertyDifference {
        path: if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        },
        expected: expected.map_or_else(|| "null".to_owned(), text),
        actual: actual.map_or_else(|| "null".to_owned(), text),
        difference: kind,
    }
}

/// A value as AWS writes it in `ExpectedValue`: a string bare, a whole number without
/// a fraction, anything else as compact JSON.
pub(crate) fn text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}
