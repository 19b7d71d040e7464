//! Best practices the workshop teaches: versioned, encrypted buckets; stateful
//! resources kept when the stack goes; no secrets or account ids in the template.

use super::params::secret_name;
use super::{Resource, Template, docs};
use crate::doc::{Node, Value};
use crate::lint::Finding;

/// Resource types that hold data a stack deletion or replacement would destroy.
pub(super) const STATEFUL: &[&str] = &[
    "AWS::S3::Bucket",
    "AWS::DynamoDB::Table",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::EFS::FileSystem",
    "AWS::Logs::LogGroup",
];

/// Runs every best-practice check.
pub(super) fn check(tpl: &Template, out: &mut Vec<Finding>) {
    for res in &tpl.resources {
        if res.type_name == Some("AWS::S3::Bucket") {
            s3_bucket(res, out);
        }
        if let Some(t) = res.type_name
            && STATEFUL.contains(&t)
        {
            retention(res, t, out);
        }
        if let Some(props) = res.properties() {
            secrets(props, out);
        }
        account_ids(res.node, out);
    }
    if let Some(outputs) = tpl.root.get("Outputs") {
        account_ids(outputs, out);
    }
}

fn is_function(node: &Node) -> bool {
    node.tag.is_some()
        || node.entries().first().is_some_and(|(k, _)| {
            node.entries().len() == 1 && (k == "Ref" || k.starts_with("Fn::"))
        })
}

fn s3_bucket(res: &Resource, out: &mut Vec<Finding>) {
    let props = res.properties();
    let get = |k: &str| props.and_then(|p| p.get(k));
    match get("VersioningConfiguration") {
        Some(v) if is_function(v) => {}
        Some(v) => {
            let status = v.get("Status");
            let enabled = status.is_some_and(|s| s.as_str() == Some("Enabled") || is_function(s));
            if !enabled {
                out.push(
                    Finding::warning(
                        "cfn/s3-versioning",
                        status.map_or(v.pos, |s| s.pos),
                        format!(
                            "the bucket `{}` has versioning suspended; set `VersioningConfiguration: {{Status: Enabled}}` so overwritten and deleted objects can be recovered",
                            res.name
                        ),
                    )
                    .doc(docs::S3_VERSIONING),
                );
            }
        }
        None => out.push(
            Finding::warning(
                "cfn/s3-versioning",
                res.pos,
                format!(
                    "the bucket `{}` has no VersioningConfiguration; add `VersioningConfiguration: {{Status: Enabled}}` so overwritten and deleted objects can be recovered",
                    res.name
                ),
            )
            .doc(docs::S3_VERSIONING),
        ),
    }
    if get("BucketEncryption").is_none() {
        out.push(
            Finding::warning(
                "cfn/s3-encryption",
                res.pos,
                format!(
                    "the bucket `{}` has no BucketEncryption. Since January 2023 S3 encrypts new objects with SSE-S3 by default, so the data is not stored in clear; declaring it (or SSE-KMS with your own key) makes the choice explicit and reviewable, which this exercise asks for",
                    res.name
                ),
            )
            .doc(docs::S3_ENCRYPTION),
        );
    }
}

fn retention(res: &Resource, t: &str, out: &mut Vec<Finding>) {
    let keep = if t.starts_with("AWS::RDS::") {
        "Snapshot"
    } else {
        "Retain"
    };
    for key in ["DeletionPolicy", "UpdateReplacePolicy"] {
        let node = res.node.get(key);
        let value = node.and_then(Node::as_str);
        let message = match value {
            None if node.is_some() => continue,
            None => format!(
                "{t} `{}` has no {key}; the default deletes its data when the {}. Set `{key}: {keep}`{}",
                res.name,
                if key == "DeletionPolicy" {
                    "stack is deleted"
                } else {
                    "resource is replaced by an update"
                },
                // RetainExceptOnCreate exists for DeletionPolicy only.
                if key == "DeletionPolicy" {
                    " (or RetainExceptOnCreate)"
                } else {
                    ""
                }
            ),
            Some("Delete") => format!(
                "{t} `{}` has `{key}: Delete`, which destroys its data; fine for a throwaway stack, otherwise use {keep}",
                res.name
            ),
            Some(_) => continue,
        };
        out.push(
            Finding::warning(
                "cfn/deletion-policy",
                node.map_or(res.pos, |n| n.pos),
                message,
            )
            .doc(docs::DELETION_POLICY),
        );
    }
}

/// A value written out in the template rather than taken from a parameter, a function
/// or a `{{resolve:...}}` dynamic reference.
fn literal_secret(node: &Node) -> bool {
    if node.tag.is_some() {
        return false;
    }
    match &node.value {
        Value::Str(s) => !s.trim().is_empty() && !s.contains("{{resolve:"),
        Value::Int(_) | Value::Float(_) => true,
        _ => false,
    }
}

fn secrets(props: &Node, out: &mut Vec<Finding>) {
    let mut todo = vec![props];
    while let Some(node) = todo.pop() {
        for (key, value) in node.entries() {
            if secret_name(key) && literal_secret(value) {
                out.push(secret_finding(key, value));
            }
        }
        // `{Name: DB_PASSWORD, Value: ...}` pairs: ECS container environments and
        // CodeBuild environment variables (unless their Type says the value is a
        // Secrets Manager or Parameter Store name).
        if let (Some(name), Some(value)) = (node.get("Name"), node.get("Value"))
            && let Some(n) = name.as_str()
            && secret_name(n)
            && literal_secret(value)
            && node
                .get("Type")
                .and_then(Node::as_str)
                .is_none_or(|t| t == "PLAINTEXT")
        {
            out.push(secret_finding(n, value));
        }
        todo.extend(node.items());
        todo.extend(node.entries().iter().map(|(_, v)| v));
    }
}

fn secret_finding(name: &str, value: &Node) -> Finding {
    Finding::error(
        "cfn/hardcoded-secret",
        value.pos,
        format!(
            "`{name}` is written into the template, where anyone who can read the template or the stack can see it. Use a `{{{{resolve:secretsmanager:...}}}}` dynamic reference, or a Ref to a parameter with `NoEcho: true`"
        ),
    )
    .doc(docs::DYNAMIC_REFS)
}

/// The first hard-coded account id in `s`: a whole 12-digit string, or the account
/// field of an ARN (`${...}` placeholders in a `Fn::Sub` ARN count as one field).
pub(super) fn account_id_in(s: &str) -> Option<&str> {
    let is_account = |p: &str| p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit());
    if is_account(s.trim()) {
        return Some(s.trim());
    }
    let mut from = 0;
    while let Some(i) = s[from..].find("arn:").map(|i| from + i) {
        if let Some(account) = arn_field(&s[i..], 4)
            && is_account(account)
        {
            return Some(account);
        }
        from = i + 4;
    }
    None
}

/// Field `n` of the ARN at the start of `arn` (fields are split on `:`, but not inside
/// `${...}`).
fn arn_field(arn: &str, n: usize) -> Option<&str> {
    let mut field = 0;
    let mut start = 0;
    let mut depth = 0usize;
    let bytes = arn.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                if field == n {
                    return Some(&arn[start..i]);
                }
                field += 1;
                start = i + 1;
            }
            b'"' | b'\'' | b' ' | b'\n' | b',' if depth == 0 => break,
            _ => {}
        }
    }
    None
}

fn account_ids(root: &Node, out: &mut Vec<Finding>) {
    let mut todo = vec![root];
    while let Some(node) = todo.pop() {
        let found = match &node.value {
            Value::Str(s) => account_id_in(s).map(str::to_owned),
            Value::Int(i) if (100_000_000_000..=999_999_999_999).contains(i) => Some(i.to_string()),
            _ => None,
        };
        if let Some(id) = found {
            let placeholder = if id == "111122223333" || id == "123456789012" {
                " (even the documentation's placeholder: a copied example still points at someone else's account)"
            } else {
                ""
            };
            out.push(
                Finding::warning(
                    "cfn/hardcoded-account-id",
                    node.pos,
                    format!(
                        "the account id {id} is written into the template{placeholder}; use `${{AWS::AccountId}}` (in a !Sub) or `!Ref AWS::AccountId` so the template works in any account"
                    ),
                )
                .doc(docs::PSEUDO),
            );
        }
        todo.extend(node.items());
        todo.extend(node.entries().iter().map(|(_, v)| v));
    }
}
