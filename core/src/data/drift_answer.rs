//! The stack's template, and checking the drifted property a learner names.
//!
//! The learner gives a logical id (case-sensitive, as CloudFormation's are) and a
//! property path. The path is read leniently: with or without a leading `/`, with or
//! without the `Properties` segment, a trailing `/` ignored, and with dots instead of
//! slashes when it has no slash at all (`Properties.RetentionInDays`). Property names
//! stay case-sensitive. It passes when that resource drifted at exactly that path.

use super::drift::{DifferenceType, DriftedProperty};
use super::{AnswerCheck, DataError};
use crate::doc::{self, Node};

const KEY: &str = "drift";

/// Largest template read, in bytes: CloudFormation's own limit for a template in S3.
const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// A resource of the template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateResource {
    /// Its logical id.
    pub logical_id: String,
    /// Its `Type`, when it has one.
    pub resource_type: Option<String>,
    /// The line where its body (`Type`, `Properties`) starts, from 1.
    pub line: usize,
    properties: Option<Node>,
}

/// A CloudFormation template (YAML with short tags, or JSON), read for its resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// In template order.
    pub resources: Vec<TemplateResource>,
}

impl Template {
    /// Reads a template; it needs a `Resources` mapping.
    pub fn parse(src: &str) -> Result<Template, DataError> {
        let limits = doc::Limits {
            max_bytes: MAX_TEMPLATE_BYTES,
            ..doc::Limits::default()
        };
        let root = doc::parse_yaml(src, limits)
            .map_err(|e| DataError::new(format!("the template: {e}")))?;
        let Some(resources) = root.get("Resources").filter(|r| !r.entries().is_empty()) else {
            return Err(DataError::new("the template has no `Resources` section"));
        };
        Ok(Template {
            resources: resources
                .entries()
                .iter()
                .map(|(id, node)| TemplateResource {
                    logical_id: id.clone(),
                    resource_type: node.get("Type").and_then(Node::as_scalar_string),
                    line: node.pos.line,
                    properties: node.get("Properties").cloned(),
                })
                .collect(),
        })
    }

    /// The resource with this logical id.
    pub fn resource(&self, logical_id: &str) -> Option<&TemplateResource> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    /// The template line closest to a property: the deepest node the path reaches (so
    /// `/SecurityGroupIngress/1`, a rule added outside the template, points at the
    /// list). `None` for an unknown resource or a path that matches nothing at all.
    pub fn line_of(&self, logical_id: &str, property_path: &str) -> Option<usize> {
        let mut node = self.resource(logical_id)?.properties.as_ref()?;
        let mut line = None;
        for segment in normalise_property_path(property_path)
            .split('/')
            .filter(|s| !s.is_empty())
        {
            let next = match segment.parse::<usize>() {
                Ok(i) if !node.items().is_empty() => node.items().get(i),
                _ => node.get(segment),
            };
            let Some(next) = next else { break };
            node = next;
            line = Some(node.pos.line);
        }
        line
    }
}

/// The canonical form of a property path: `/A/B/0`, relative to the properties (a
/// leading `Properties` segment dropped), no empty segments, `/` for the empty path.
pub fn normalise_property_path(path: &str) -> String {
    let path = path.trim();
    let separator = if path.contains('/') { '/' } else { '.' };
    let mut segments: Vec<&str> = path
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.first() == Some(&"Properties") {
        segments.remove(0);
    }
    format!("/{}", segments.join("/"))
}

fn describe(d: &DriftedProperty) -> String {
    match d.difference {
        DifferenceType::NotEqual => {
            format!(
                "the template says {} but the resource has {}",
                d.expected, d.actual
            )
        }
        DifferenceType::Add => format!("{} was added outside the template", d.actual),
        DifferenceType::Remove => format!("{} was removed outside the template", d.expected),
    }
}

/// Checks a learner's `logical_id` and `property_path` against the drifted properties.
/// The template, when given, lets the message tell a resource that has not drifted from
/// one that does not exist.
pub fn check_drift_answer(
    drifted: &[DriftedProperty],
    template: Option<&Template>,
    logical_id: &str,
    property_path: &str,
) -> AnswerCheck {
    let id = logical_id.trim();
    if id.is_empty() {
        return AnswerCheck::fail(
            KEY,
            "Name the resource by its logical id, as in the template.",
        );
    }
    if id.chars().count() > 255 || property_path.chars().count() > 1_000 {
        return AnswerCheck::fail(KEY, "That is longer than any logical id or path here.");
    }
    let path = normalise_property_path(property_path);
    if path == "/" {
        return AnswerCheck::fail(
            KEY,
            "Give the property's path too, like /Properties/RetentionInDays.",
        );
    }
    let mine: Vec<&DriftedProperty> = drifted.iter().filter(|d| d.logical_id == id).collect();
    if mine.is_empty() {
        let same_but_case = drifted
            .iter()
            .map(|d| d.logical_id.as_str())
            .chain(
                template
                    .iter()
                    .flat_map(|t| t.resources.iter().map(|r| r.logical_id.as_str())),
            )
            .any(|other| other != id && other.eq_ignore_ascii_case(id));
        let message = if same_but_case {
            format!("Logical ids are case-sensitive: check how `{id}` is spelled in the template.")
        } else {
            match template.map(|t| t.resource(id).is_some()) {
                Some(true) => format!("`{id}` has not drifted: its properties match the template."),
                Some(false) => format!("There is no resource `{id}` in the template."),
                None => format!("No drift was found on `{id}`."),
            }
        };
        return AnswerCheck::fail(KEY, message);
    }
    if let Some(hit) = mine.iter().find(|d| d.property_path == path) {
        return AnswerCheck::pass(
            KEY,
            format!("Right: on {id}, {path} drifted: {}.", describe(hit)),
        );
    }
    let message = if mine
        .iter()
        .any(|d| d.property_path.eq_ignore_ascii_case(&path))
    {
        format!("Property names are case-sensitive: check how {path} is spelled.")
    } else if mine
        .iter()
        .any(|d| d.property_path.starts_with(&format!("{path}/")))
    {
        format!(
            "Right resource, and the drift is inside {path}: go down to the value that changed."
        )
    } else if mine
        .iter()
        .any(|d| path.starts_with(&format!("{}/", d.property_path)))
    {
        format!("Right resource, but {path} goes deeper than the value that drifted.")
    } else {
        format!("{id} has drifted, but not at {path}.")
    };
    AnswerCheck::fail(KEY, message)
}
