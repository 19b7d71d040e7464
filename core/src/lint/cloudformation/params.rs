//! The Parameters and Outputs sections.

use super::{Template, docs};
use crate::doc::{Node, Value};
use crate::lint::Finding;

/// Parameter types that name existing AWS resources.
const AWS_SPECIFIC: &[&str] = &[
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
    "AWS::Route53::HostedZone::Id",
];

/// True for a type CloudFormation accepts in Parameters.
pub(super) fn valid_type(t: &str) -> bool {
    let list_of =
        |inner: &str| AWS_SPECIFIC.contains(&inner) && inner != "AWS::EC2::KeyPair::KeyName";
    let plain = |t: &str| {
        matches!(
            t,
            "String" | "Number" | "List<Number>" | "CommaDelimitedList"
        ) || AWS_SPECIFIC.contains(&t)
            || t.strip_prefix("List<")
                .and_then(|r| r.strip_suffix('>'))
                .is_some_and(list_of)
    };
    if plain(t) || t == "AWS::SSM::Parameter::Name" {
        return true;
    }
    t.strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(|inner| {
            matches!(inner, "String" | "List<String>" | "CommaDelimitedList")
                || (plain(inner) && inner != "Number" && inner != "List<Number>")
        })
}

fn is_list_type(t: &str) -> bool {
    t == "CommaDelimitedList" || t.starts_with("List<") || t.ends_with("List<String>>")
}

/// True for names that hold credentials: `DBPassword`, `GitHubToken`, `ApiKey`,
/// `DB_PASSWORD`. Judged by the ending, so `PasswordLength`, `SecretArn` and
/// `TemporaryPasswordValidityDays` (which only describe or point at a secret) pass.
pub(super) fn secret_name(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    [
        "password",
        "passwd",
        "passphrase",
        "secret",
        "secretstring",
        "token",
        "apikey",
        "secretkey",
        "secretaccesskey",
        "privatekey",
    ]
    .iter()
    .any(|w| n.ends_with(w))
}

fn scalar(node: &Node) -> Option<String> {
    node.tag
        .is_none()
        .then(|| node.as_scalar_string())
        .flatten()
}

fn number(node: &Node) -> Option<f64> {
    match node.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        Value::Str(ref s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Checks every parameter: a valid Type, a Default that fits its constraints, and
/// NoEcho on parameters that hold secrets.
pub(super) fn check_parameters(tpl: &Template, out: &mut Vec<Finding>) {
    for (name, param) in sorted(&tpl.params) {
        if !matches!(param.value, Value::Map(_)) {
            out.push(
                Finding::error(
                    "cfn/parameter-type",
                    param.pos,
                    format!("the parameter `{name}` must be a mapping with at least a Type"),
                )
                .doc(docs::PARAMETERS),
            );
            continue;
        }
        let Some(type_node) = param.get("Type") else {
            out.push(
                Finding::error(
                    "cfn/parameter-type",
                    param.pos,
                    format!("the parameter `{name}` has no Type (String, Number, CommaDelimitedList, ...)"),
                )
                .doc(docs::PARAMETERS),
            );
            continue;
        };
        let t = type_node.as_str().unwrap_or_default();
        if !valid_type(t) {
            let hint = ["String", "Number", "CommaDelimitedList", "List<Number>"]
                .iter()
                .chain(AWS_SPECIFIC)
                .find(|k| k.eq_ignore_ascii_case(t))
                .map(|k| format!(" Types are case-sensitive: did you mean {k}?"))
                .unwrap_or_default();
            out.push(
                Finding::error(
                    "cfn/parameter-type",
                    type_node.pos,
                    format!(
                        "`{t}` is not a parameter type.{hint} Use String, Number, List<Number>, CommaDelimitedList, an AWS-specific type such as AWS::EC2::VPC::Id or List<AWS::EC2::Subnet::Id>, or AWS::SSM::Parameter::Value<...>"
                    ),
                )
                .doc(docs::PARAMETERS),
            );
            continue;
        }
        check_default(name, t, param, out);
        let no_echo = param.get("NoEcho").is_some_and(|n| {
            matches!(n.value, Value::Bool(true))
                || n.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
        });
        if secret_name(name) && !no_echo {
            out.push(
                Finding::warning(
                    "cfn/parameter-noecho",
                    param.pos,
                    format!(
                        "`{name}` looks like it holds a secret; add `NoEcho: true` so its value is masked in the console and API output (better still, keep it in Secrets Manager and use a dynamic reference)"
                    ),
                )
                .doc(docs::PARAMETERS),
            );
        }
        if secret_name(name)
            && let Some(default) = param.get("Default")
            && scalar(default).is_some_and(|d| !d.is_empty() && !d.starts_with("{{resolve:"))
        {
            out.push(
                Finding::error(
                    "cfn/hardcoded-secret",
                    default.pos,
                    format!(
                        "the parameter `{name}` has a secret written into the template as its Default; remove the Default (pass the value at deploy time) or use a `{{{{resolve:secretsmanager:...}}}}` dynamic reference"
                    ),
                )
                .doc(docs::DYNAMIC_REFS),
            );
        }
    }
}

fn check_default(name: &str, t: &str, param: &Node, out: &mut Vec<Finding>) {
    let Some(default) = param.get("Default") else {
        return;
    };
    let Some(text) = scalar(default) else {
        return;
    };
    let mut complain = |message: String| {
        out.push(
            Finding::error("cfn/parameter-default", default.pos, message).doc(docs::PARAMETERS),
        );
    };
    let values: Vec<String> = if is_list_type(t) {
        text.split(',').map(|v| v.trim().to_owned()).collect()
    } else {
        vec![text.clone()]
    };
    if let Some(allowed) = param.get("AllowedValues") {
        let allowed: Vec<String> = allowed.items().iter().filter_map(scalar).collect();
        if !allowed.is_empty() {
            for v in &values {
                if !allowed.contains(v) {
                    complain(format!(
                        "the Default `{v}` of `{name}` is not one of its AllowedValues ({})",
                        allowed.join(", ")
                    ));
                }
            }
        }
    }
    if t == "Number" || t == "List<Number>" {
        for v in &values {
            let Ok(n) = v.parse::<f64>() else {
                complain(format!(
                    "the Default `{v}` of the {t} parameter `{name}` is not a number"
                ));
                continue;
            };
            let min = param.get("MinValue").and_then(number);
            let max = param.get("MaxValue").and_then(number);
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                complain(format!(
                    "the Default {v} of `{name}` is outside its MinValue/MaxValue range"
                ));
            }
        }
    }
    if t == "String" {
        let len = text.chars().count() as f64;
        let min = param.get("MinLength").and_then(number);
        let max = param.get("MaxLength").and_then(number);
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            complain(format!(
                "the Default of `{name}` is {len} characters long, outside its MinLength/MaxLength"
            ));
        }
    }
}

/// Checks every output: a Value, and a Name for its Export.
pub(super) fn check_outputs(tpl: &Template, out: &mut Vec<Finding>) {
    let Some(outputs) = tpl.root.get("Outputs") else {
        return;
    };
    for (name, output) in outputs.entries() {
        if !matches!(output.value, Value::Map(_)) {
            out.push(
                Finding::error(
                    "cfn/output-value",
                    output.pos,
                    format!("the output `{name}` must be a mapping with a Value"),
                )
                .doc(docs::OUTPUTS),
            );
            continue;
        }
        if output
            .get("Value")
            .is_none_or(|v| matches!(v.value, Value::Null))
        {
            out.push(
                Finding::error(
                    "cfn/output-value",
                    output.pos,
                    format!("the output `{name}` has no Value"),
                )
                .doc(docs::OUTPUTS),
            );
        }
        if let Some(export) = output.get("Export")
            && export
                .get("Name")
                .is_none_or(|v| matches!(v.value, Value::Null))
        {
            out.push(
                Finding::error(
                    "cfn/output-export-name",
                    export.pos,
                    format!(
                        "the Export of `{name}` needs a Name (often `!Sub '${{AWS::StackName}}-{name}'`), which other stacks pass to Fn::ImportValue"
                    ),
                )
                .doc(docs::OUTPUTS),
            );
        }
    }
}

/// Parameters in source order, so findings come out in a stable order.
fn sorted<'a>(params: &std::collections::HashMap<&'a str, &'a Node>) -> Vec<(&'a str, &'a Node)> {
    let mut v: Vec<(&'a str, &'a Node)> = params.iter().map(|(k, v)| (*k, *v)).collect();
    v.sort_by_key(|(_, n)| (n.pos.line, n.pos.col));
    v
}
