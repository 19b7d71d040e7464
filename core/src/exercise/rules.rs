//! The rule ids the linters report, so an exercise naming an unknown rule fails to load
//! instead of passing forever. A test keeps this list in step with `crate::lint`.

use super::Rule;
use super::spec::{Parser, suggestion};
use crate::lint::Kind;

/// Every rule id a linter of [`crate::lint`] reports, sorted.
pub const KNOWN_RULES: &[&str] = &[
    "alarm/anomaly-band",
    "alarm/comparison-operator",
    "alarm/datapoints-to-alarm",
    "alarm/dimensions",
    "alarm/evaluation-periods",
    "alarm/evaluation-range",
    "alarm/period",
    "alarm/required",
    "alarm/statistic",
    "alarm/threshold",
    "alarm/treat-missing-data",
    "alarm/unknown-key",
    "appspec/container-port",
    "appspec/ecs-properties",
    "appspec/files",
    "appspec/hook-name",
    "appspec/hook-shape",
    "appspec/hook-timeout",
    "appspec/lambda-properties",
    "appspec/lambda-version",
    "appspec/network-configuration",
    "appspec/os",
    "appspec/resource-type",
    "appspec/resources",
    "appspec/unknown-key",
    "appspec/version",
    "buildspec/artifacts",
    "buildspec/cache",
    "buildspec/commands",
    "buildspec/env",
    "buildspec/env-value",
    "buildspec/phase-key",
    "buildspec/phase-name",
    "buildspec/phases",
    "buildspec/plaintext-secret",
    "buildspec/report-format",
    "buildspec/reports",
    "buildspec/reserved-variable",
    "buildspec/unknown-key",
    "buildspec/version",
    "cfn/condition-target",
    "cfn/deletion-policy",
    "cfn/dependency-cycle",
    "cfn/depends-on-target",
    "cfn/getatt-target",
    "cfn/hardcoded-account-id",
    "cfn/hardcoded-secret",
    "cfn/intrinsic-shape",
    "cfn/logical-id",
    "cfn/mapping-target",
    "cfn/output-export-name",
    "cfn/output-value",
    "cfn/parameter-default",
    "cfn/parameter-noecho",
    "cfn/parameter-type",
    "cfn/ref-target",
    "cfn/required-property",
    "cfn/resource-attribute",
    "cfn/resource-type",
    "cfn/resources-required",
    "cfn/s3-encryption",
    "cfn/s3-versioning",
    "cfn/sub-variable",
    "cfn/template-sections",
    "cfn/unknown-function",
    "cfn/unknown-resource-type",
    "cfn/unknown-tag",
    "dockerfile/apk-no-cache",
    "dockerfile/apt-get-yes",
    "dockerfile/apt-lists-cleanup",
    "dockerfile/apt-no-install-recommends",
    "dockerfile/apt-update-install",
    "dockerfile/copy-from",
    "dockerfile/copy-not-add",
    "dockerfile/dependency-cache",
    "dockerfile/exec-form",
    "dockerfile/expose",
    "dockerfile/healthcheck",
    "dockerfile/multi-stage",
    "dockerfile/non-root-user",
    "dockerfile/pinned-base-image",
    "dockerfile/secret-in-env",
    "dockerfile/syntax",
    "dockerfile/workdir-absolute",
    "ecs/container-definitions",
    "ecs/container-image",
    "ecs/container-memory",
    "ecs/container-name",
    "ecs/environment",
    "ecs/essential",
    "ecs/execution-role",
    "ecs/family",
    "ecs/image-tag",
    "ecs/log-configuration",
    "ecs/network-mode",
    "ecs/plaintext-secret",
    "ecs/port-mapping",
    "ecs/requires-compatibilities",
    "ecs/secrets",
    "ecs/task-size",
    "ecs/unknown-key",
];

/// The prefix of the rule ids of `kind` (`"cfn/"` for CloudFormation).
pub(super) fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Buildspec => "buildspec/",
        Kind::Appspec => "appspec/",
        Kind::Cloudformation => "cfn/",
        Kind::EcsTaskDefinition => "ecs/",
        Kind::Dockerfile => "dockerfile/",
        Kind::CloudwatchAlarm => "alarm/",
    }
}

impl Parser {
    /// Reads a check's `rule`: `*errors`, or a rule the exercise's linter reports.
    pub(super) fn rule(&mut self, rule: &str, kind: Kind, line: usize) -> Option<Rule> {
        if rule == "*errors" {
            return Some(Rule::NoErrors);
        }
        if KNOWN_RULES.contains(&rule) && rule.starts_with(prefix(kind)) {
            return Some(Rule::Id(rule.to_owned()));
        }
        let mine: Vec<&str> = KNOWN_RULES
            .iter()
            .copied()
            .filter(|r| r.starts_with(prefix(kind)))
            .collect();
        let message = if KNOWN_RULES.contains(&rule) {
            format!(
                "the rule `{rule}` is not one the {kind} linter reports (its rules start with `{}`)",
                prefix(kind)
            )
        } else {
            let close = suggestion(rule, &mine)
                .or_else(|| mine.iter().copied().find(|r| r.starts_with(rule)));
            let hint = close
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            format!(
                "unknown lint rule `{rule}` ({hint}the {kind} linter reports {}; or use `*errors`)",
                mine.join(", ")
            )
        };
        self.error(line, message);
        None
    }
}
