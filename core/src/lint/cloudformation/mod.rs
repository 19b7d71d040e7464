//! CloudFormation templates, YAML (with the `!Ref` short forms) or JSON.
//!
//! The checks are the ones that make a stack fail to create, or that the workshop teaches
//! as practice: sections and resource shapes, required properties of the resource types
//! in [`spec`], every reference (`Ref`, `Fn::GetAtt`, `${...}` in `Fn::Sub`, `DependsOn`,
//! condition names, `Fn::FindInMap`) resolving, no dependency cycles, parameter and
//! output shapes, and a few best practices: versioned and encrypted S3 buckets, retained
//! stateful resources, no secrets or account ids written into the template.
//!
//! Nothing is evaluated: conditions are not resolved, so both branches of `Fn::If` are
//! checked, and a value built by a function is never guessed at.

mod graph;
mod intrinsics;
mod params;
mod practices;
mod resources;
mod spec;
#[cfg(test)]
mod tests;
mod text;
mod walker;

use super::{Finding, Kind, ParseFailure};
use crate::doc::{Node, Pos, Value};
use resources::{check_resources, check_sections, report_cycles};
use std::collections::{HashMap, HashSet};
use text::{closest, key_pos, pos_in_string};

/// Documentation pages the findings link to.
pub(super) mod docs {
    /// The parts of a template.
    pub const ANATOMY: &str =
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html";
    /// The Resources section.
    pub const RESOURCES: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html";
    /// Every resource type.
    pub const RESOURCE_TYPES: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html";
    /// DependsOn, Condition, DeletionPolicy and the other resource attributes.
    pub const RESOURCE_ATTRIBUTES: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-product-attribute-reference.html";
    /// DependsOn.
    pub const DEPENDS_ON: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html";
    /// DeletionPolicy.
    pub const DELETION_POLICY: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html";
    /// The Parameters section.
    pub const PARAMETERS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html";
    /// The Outputs section.
    pub const OUTPUTS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html";
    /// The Conditions section.
    pub const CONDITIONS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html";
    /// The Mappings section.
    pub const MAPPINGS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html";
    /// Pseudo parameters.
    pub const PSEUDO: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html";
    /// All intrinsic functions.
    pub const FUNCTIONS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html";
    /// Ref.
    pub const REF: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html";
    /// Fn::Sub.
    pub const SUB: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html";
    /// Fn::GetAtt.
    pub const GETATT: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html";
    /// Fn::FindInMap.
    pub const FIND_IN_MAP: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html";
    /// `{{resolve:...}}` dynamic references.
    pub const DYNAMIC_REFS: &str =
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html";
    /// Breaking dependency cycles.
    pub const CYCLES: &str = "https://aws.amazon.com/blogs/infrastructure-and-automation/handling-circular-dependency-errors-in-aws-cloudformation/";
    /// S3 versioning.
    pub const S3_VERSIONING: &str =
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html";
    /// S3 default encryption (SSE-S3 since January 2023).
    pub const S3_ENCRYPTION: &str =
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html";
}

/// The pseudo parameters `Ref` and `${}` may name.
pub(super) const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// One entry of `Resources`.
pub(super) struct Resource<'a> {
    /// Logical id.
    pub name: &'a str,
    /// The resource's mapping.
    pub node: &'a Node,
    /// `Type`, when it is a string.
    pub type_name: Option<&'a str>,
    /// Where the logical id is written.
    pub pos: Pos,
}

impl<'a> Resource<'a> {
    /// `Properties`, when present.
    pub fn properties(&self) -> Option<&'a Node> {
        self.node.get("Properties")
    }
}

/// The names a template declares, for resolving references.
pub(super) struct Template<'a> {
    /// The whole document.
    pub root: &'a Node,
    /// Source lines, for positions inside multi-line strings.
    pub lines: Vec<&'a str>,
    /// Parameters by name.
    pub params: HashMap<&'a str, &'a Node>,
    /// Resources in source order.
    pub resources: Vec<Resource<'a>>,
    /// Resource index by logical id.
    pub by_name: HashMap<&'a str, usize>,
    /// Condition names.
    pub conditions: HashSet<&'a str>,
    /// The `Mappings` section.
    pub mappings: Option<&'a Node>,
    /// `Transform: AWS::Serverless-2016-10-31` (SAM) is present: SAM adds resources
    /// (`MyFunctionRole`, ...) this linter cannot see, so unresolved names only warn.
    pub serverless: bool,
    /// `Transform: AWS::LanguageExtensions` is present (`Fn::ForEach`, `Fn::Length`).
    pub language_extensions: bool,
}

/// Lints a CloudFormation template, loaded as `root` from `src`.
pub(super) fn lint(root: &Node, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    let mut out = Vec::new();
    if root.get("Resources").is_none() {
        let template_like = [
            "AWSTemplateFormatVersion",
            "Parameters",
            "Outputs",
            "Conditions",
        ]
        .iter()
        .any(|k| root.get(k).is_some())
            && super::guess_kind(root).is_none_or(|k| k == Kind::Cloudformation);
        if !template_like {
            return Err(super::wrong_kind(root, Kind::Cloudformation, "Resources"));
        }
        out.push(
            Finding::error(
                "cfn/resources-required",
                root.pos,
                "the template has no Resources section; every template needs at least one resource",
            )
            .doc(docs::RESOURCES),
        );
    }
    let tpl = Template::build(root, src);
    check_sections(&tpl, &mut out);
    intrinsics::check_tags(root, &mut out);
    check_resources(&tpl, &mut out);
    let mut walker = walker::Walker::new(&tpl, &mut out);
    for (i, res) in tpl.resources.iter().enumerate() {
        walker.resource(i, res);
    }
    if let Some(outputs) = root.get("Outputs") {
        for (_, output) in outputs.entries() {
            walker.output(output);
        }
    }
    if let Some(conditions) = root.get("Conditions") {
        for (_, condition) in conditions.entries() {
            walker.condition(condition);
        }
    }
    let edges = walker.into_edges();
    report_cycles(&tpl, &edges, &mut out);
    params::check_parameters(&tpl, &mut out);
    params::check_outputs(&tpl, &mut out);
    practices::check(&tpl, &mut out);
    Ok(out)
}

impl<'a> Template<'a> {
    fn build(root: &'a Node, src: &'a str) -> Self {
        let transforms: Vec<&str> = match root.get("Transform") {
            Some(t) => match &t.value {
                Value::Str(s) => vec![s.as_str()],
                Value::Seq(items) => items.iter().filter_map(Node::as_str).collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        let serverless = transforms.iter().any(|t| t.starts_with("AWS::Serverless"));
        let language_extensions = transforms.contains(&"AWS::LanguageExtensions");
        let params = root
            .get("Parameters")
            .map(|p| p.entries().iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default();
        let lines: Vec<&str> = src.lines().collect();
        let mut resources = Vec::new();
        let mut by_name = HashMap::new();
        if let Some(section) = root.get("Resources") {
            for (name, node) in section.entries() {
                if language_extensions && name.starts_with("Fn::ForEach") {
                    continue;
                }
                by_name.insert(name.as_str(), resources.len());
                resources.push(Resource {
                    name,
                    node,
                    type_name: node.get("Type").and_then(Node::as_str),
                    pos: key_pos(&lines, name, node.pos),
                });
            }
        }
        let conditions = root
            .get("Conditions")
            .map(|c| c.entries().iter().map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default();
        Template {
            root,
            lines,
            params,
            resources,
            by_name,
            conditions,
            mappings: root.get("Mappings"),
            serverless,
            language_extensions,
        }
    }
}
