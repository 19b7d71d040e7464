//! Template sections and the shape of each resource: logical ids, types, resource
//! attributes, required properties; and the report of dependency cycles.

use super::{Resource, Template, docs, graph, intrinsics, key_pos, practices, spec};
use crate::doc::Value;
use crate::lint::Finding;

/// Top-level sections CloudFormation accepts.
const SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
    "Hooks",
];

/// Keys a resource may have besides its logical id.
const RESOURCE_KEYS: &[&str] = &[
    "Type",
    "Properties",
    "DependsOn",
    "Condition",
    "Metadata",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "UpdatePolicy",
    "CreationPolicy",
];

pub(super) fn check_sections(tpl: &Template, out: &mut Vec<Finding>) {
    for (key, node) in tpl.root.entries() {
        let known = SECTIONS.contains(&key.as_str()) || (tpl.serverless && key == "Globals");
        if !known {
            let hint = SECTIONS
                .iter()
                .find(|s| s.eq_ignore_ascii_case(key) || s.eq_ignore_ascii_case(&format!("{key}s")))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            out.push(
                Finding::error(
                    "cfn/template-sections",
                    key_pos(&tpl.lines, key, node.pos),
                    format!(
                        "`{key}` is not a template section{hint}; the sections are {}",
                        SECTIONS.join(", ")
                    ),
                )
                .doc(docs::ANATOMY),
            );
            continue;
        }
        let must_be_map = matches!(
            key.as_str(),
            "Parameters" | "Mappings" | "Conditions" | "Resources" | "Outputs" | "Rules"
        );
        if must_be_map && !matches!(node.value, Value::Map(_)) {
            let rule = if key == "Resources" {
                "cfn/resources-required"
            } else {
                "cfn/template-sections"
            };
            out.push(
                Finding::error(
                    rule,
                    node.pos,
                    format!(
                        "`{key}` must be a mapping of names to entries, not {}",
                        node.type_name()
                    ),
                )
                .doc(docs::ANATOMY),
            );
        } else if key == "Resources" && node.entries().is_empty() {
            out.push(
                Finding::error(
                    "cfn/resources-required",
                    node.pos,
                    "Resources is empty; a template needs at least one resource",
                )
                .doc(docs::RESOURCES),
            );
        }
    }
}

pub(super) fn check_resources(tpl: &Template, out: &mut Vec<Finding>) {
    for res in &tpl.resources {
        if !res.name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.push(
                Finding::error(
                    "cfn/logical-id",
                    res.pos,
                    format!(
                        "the logical id `{}` may only contain letters and digits (A-Z, a-z, 0-9)",
                        res.name
                    ),
                )
                .doc(docs::RESOURCES),
            );
        }
        if !matches!(res.node.value, Value::Map(_)) {
            out.push(
                Finding::error(
                    "cfn/resource-type",
                    res.pos,
                    format!(
                        "the resource `{}` must be a mapping with a Type, not {}",
                        res.name,
                        res.node.type_name()
                    ),
                )
                .doc(docs::RESOURCES),
            );
            continue;
        }
        check_type(tpl, res, out);
        for (key, node) in res.node.entries() {
            if !RESOURCE_KEYS.contains(&key.as_str()) && !tpl.serverless {
                out.push(
                    Finding::error(
                        "cfn/resource-attribute",
                        key_pos(&tpl.lines, key, node.pos),
                        format!(
                            "`{key}` is not something a resource can have; a resource has {}",
                            RESOURCE_KEYS.join(", ")
                        ),
                    )
                    .doc(docs::RESOURCE_ATTRIBUTES),
                );
            }
        }
        if let Some(props) = res.properties()
            && !matches!(props.value, Value::Map(_) | Value::Null)
            && intrinsics::call_of(props, false).is_none()
        {
            out.push(
                Finding::error(
                    "cfn/resource-attribute",
                    props.pos,
                    format!(
                        "Properties of `{}` must be a mapping, not {}",
                        res.name,
                        props.type_name()
                    ),
                )
                .doc(docs::RESOURCES),
            );
        }
        check_required(res, out);
        for key in ["DeletionPolicy", "UpdateReplacePolicy"] {
            let Some(node) = res.node.get(key) else {
                continue;
            };
            let Some(value) = node.as_str().filter(|_| node.tag.is_none()) else {
                continue;
            };
            // RetainExceptOnCreate exists for DeletionPolicy only.
            let allowed: &[&str] = if key == "DeletionPolicy" {
                &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]
            } else {
                &["Delete", "Retain", "Snapshot"]
            };
            if !allowed.contains(&value) {
                out.push(
                    Finding::error(
                        "cfn/resource-attribute",
                        node.pos,
                        format!("{key} must be {}, not `{value}`", or_list(allowed)),
                    )
                    .doc(docs::DELETION_POLICY),
                );
            } else if value == "Snapshot"
                && let Some(t) = res.type_name
                && practices::STATEFUL.contains(&t)
                && !t.starts_with("AWS::RDS::")
            {
                out.push(
                    Finding::error(
                        "cfn/resource-attribute",
                        node.pos,
                        if key == "DeletionPolicy" {
                            format!(
                                "{t} does not support snapshots; use Retain or RetainExceptOnCreate"
                            )
                        } else {
                            format!("{t} does not support snapshots; use Retain")
                        },
                    )
                    .doc(docs::DELETION_POLICY),
                );
            }
        }
    }
}

/// `A, B or C`.
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn check_type(tpl: &Template, res: &Resource, out: &mut Vec<Finding>) {
    let Some(node) = res.node.get("Type") else {
        out.push(
            Finding::error(
                "cfn/resource-type",
                res.pos,
                format!(
                    "the resource `{}` has no Type (such as AWS::S3::Bucket)",
                    res.name
                ),
            )
            .doc(docs::RESOURCE_TYPES),
        );
        return;
    };
    let Some(t) = res.type_name.filter(|_| node.tag.is_none()) else {
        out.push(
            Finding::error(
                "cfn/resource-type",
                node.pos,
                "Type must be a plain string such as AWS::S3::Bucket; functions are not allowed here",
            )
            .doc(docs::RESOURCE_TYPES),
        );
        return;
    };
    let parts: Vec<&str> = t.split("::").collect();
    let word = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let well_formed = match parts.as_slice() {
        ["Custom", name] => word(name),
        [_, _, _] | [_, _, _, "MODULE"] => parts.iter().all(word),
        _ => false,
    };
    if !well_formed {
        out.push(
            Finding::error(
                "cfn/resource-type",
                node.pos,
                format!(
                    "`{t}` is not a resource type; types read AWS::Service::Resource (AWS::S3::Bucket) or Custom::Name"
                ),
            )
            .doc(docs::RESOURCE_TYPES),
        );
        return;
    }
    let unknown_aws =
        parts[0] == "AWS" && !spec::is_known(t) && !(tpl.serverless && parts[1] == "Serverless");
    if unknown_aws {
        let case_fix = spec::SPECS
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(t))
            .map(|s| format!(" Did you mean {}?", s.name))
            .unwrap_or_default();
        let serverless_hint = if parts[1] == "Serverless" {
            " Serverless types need `Transform: AWS::Serverless-2016-10-31`."
        } else {
            ""
        };
        out.push(
            Finding::warning(
                "cfn/unknown-resource-type",
                node.pos,
                format!(
                    "{t} is not in this linter's table of resource types, so its properties are not checked; make sure it is spelled as in the resource type reference.{case_fix}{serverless_hint}"
                ),
            )
            .doc(docs::RESOURCE_TYPES),
        );
    }
}

fn check_required(res: &Resource, out: &mut Vec<Finding>) {
    let Some(t) = res.type_name else { return };
    let Some(spec) = spec::find(t) else { return };
    let props = res.properties();
    if let Some(p) = props {
        let opaque = intrinsics::call_of(p, false).is_some()
            || p.entries().iter().any(|(k, _)| k.starts_with("Fn::"));
        if opaque || !matches!(p.value, Value::Map(_) | Value::Null) {
            return;
        }
    }
    let missing: Vec<&str> = spec
        .required
        .iter()
        .copied()
        .filter(|r| props.and_then(|p| p.get(r)).is_none())
        .collect();
    if missing.is_empty() {
        return;
    }
    let pos = res.pos;
    let list = missing
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::error(
            "cfn/required-property",
            pos,
            format!(
                "{} `{}` is missing the required {} {list}",
                t,
                res.name,
                if missing.len() == 1 {
                    "property"
                } else {
                    "properties"
                }
            ),
        )
        .doc(&spec::doc_url(t)),
    );
}

pub(super) fn report_cycles(tpl: &Template, edges: &[Vec<usize>], out: &mut Vec<Finding>) {
    for cycle in graph::cycles(edges) {
        let Some(&first) = cycle.first() else {
            continue;
        };
        let res = &tpl.resources[first];
        let message = if cycle.len() == 1 {
            format!(
                "`{}` refers to itself (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); a resource cannot depend on itself",
                res.name
            )
        } else {
            let mut path: Vec<&str> = cycle.iter().map(|&i| tpl.resources[i].name).collect();
            path.push(res.name);
            format!(
                "dependency cycle: {}; CloudFormation cannot tell which to create first. Break one link, for example by moving a rule or policy into a separate resource",
                path.join(" → ")
            )
        };
        out.push(Finding::error("cfn/dependency-cycle", res.pos, message).doc(docs::CYCLES));
    }
}
