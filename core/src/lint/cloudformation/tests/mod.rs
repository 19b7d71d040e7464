//! Tests of the CloudFormation linter, one passing and one failing example per rule.

mod fixtures;
mod hostile;
mod params;
mod practices;
mod references;
mod structure;

use crate::lint::{Finding, Kind, ParseFailure, Severity};

/// The CloudFormation linter, through the public entry point.
fn lint(src: &str) -> Result<Vec<Finding>, ParseFailure> {
    crate::lint::lint(Kind::Cloudformation, src)
}

/// Lints `src`, which must parse.
fn findings(src: &str) -> Vec<Finding> {
    match lint(src) {
        Ok(found) => found,
        Err(e) => panic!("the template did not parse: {e}\n{src}"),
    }
}

/// The findings of `rule`.
fn of(src: &str, rule: &str) -> Vec<Finding> {
    findings(src)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// True when `rule` has a finding.
fn fires(src: &str, rule: &str) -> bool {
    !of(src, rule).is_empty()
}

/// Every error, for "a valid template has none" tests.
fn errors(src: &str) -> Vec<Finding> {
    findings(src)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// A template with `resources` (indented YAML under `Resources:`) and a parameter.
fn with_resources(resources: &str) -> String {
    format!(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\n    Default: dev\nResources:\n{resources}"
    )
}

/// A small valid bucket, retained, versioned and encrypted, to refer to.
const BUCKET: &str = "  Bucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      VersioningConfiguration: {Status: Enabled}
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
";

/// A topic with nothing to complain about.
const TOPIC: &str = "  Topic:\n    Type: AWS::SNS::Topic\n";
