//! CodeBuild buildspec rules (`buildspec/*`).

use super::support::{Source, contains_aws_access_key, did_you_mean, one_of};
use super::{Finding, Kind, ParseFailure, guess_kind, wrong_kind};
use crate::doc::{Node, Value};

mod sections;

const DOC: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html";
const DOC_VERSION: &str =
    "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.version";
const DOC_SECRETS: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager";
const DOC_PHASES: &str =
    "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.phases";

const TOP_KEYS: [&str; 9] = [
    "version",
    "run-as",
    "env",
    "proxy",
    "batch",
    "phases",
    "reports",
    "artifacts",
    "cache",
];
const PHASES: [&str; 4] = ["install", "pre_build", "build", "post_build"];
const PHASE_KEYS: [&str; 5] = [
    "run-as",
    "on-failure",
    "runtime-versions",
    "commands",
    "finally",
];
const ENV_KEYS: [&str; 6] = [
    "shell",
    "variables",
    "parameter-store",
    "exported-variables",
    "secrets-manager",
    "git-credential-helper",
];
const ARTIFACT_KEYS: [&str; 8] = [
    "files",
    "name",
    "discard-paths",
    "base-directory",
    "exclude-paths",
    "enable-symlinks",
    "s3-prefix",
    "secondary-artifacts",
];
/// `file-format` values, test reports then code coverage; compared without case.
const REPORT_FORMATS: [&str; 10] = [
    "CUCUMBERJSON",
    "JUNITXML",
    "NUNITXML",
    "NUNIT3XML",
    "TESTNGXML",
    "VISUALSTUDIOTRX",
    "CLOVERXML",
    "COBERTURAXML",
    "JACOCOXML",
    "SIMPLECOV",
];

struct Lint<'a> {
    src: Source<'a>,
    out: Vec<Finding>,
}

/// Lints a loaded buildspec.
pub(super) fn lint(root: &Node, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    if root.get("phases").is_none() {
        let other_kind = guess_kind(root).is_some_and(|k| k != Kind::Buildspec);
        let has_buildspec_key = root
            .entries()
            .iter()
            .any(|(k, _)| k != "version" && TOP_KEYS.contains(&k.as_str()));
        if other_kind || !has_buildspec_key {
            return Err(wrong_kind(root, Kind::Buildspec, "`phases`"));
        }
    }
    let mut l = Lint {
        src: Source::new(src),
        out: Vec::new(),
    };
    l.version(root);
    for (key, value) in root.entries() {
        if !TOP_KEYS.contains(&key.as_str()) {
            let pos = l.src.key_pos(key, value);
            l.out.push(
                Finding::error(
                    "buildspec/unknown-key",
                    pos,
                    format!(
                        "`{key}` is not a buildspec section; the sections are {}.{}",
                        one_of(&TOP_KEYS),
                        did_you_mean(key, &TOP_KEYS)
                    ),
                )
                .doc(DOC),
            );
        }
    }
    match root.get("phases") {
        Some(phases) => l.phases(phases),
        None => l.out.push(
            Finding::error(
                "buildspec/phases",
                root.pos,
                "a buildspec needs a `phases` section with at least a `build` phase",
            )
            .doc(DOC_PHASES),
        ),
    }
    if let Some(env) = root.get("env") {
        l.env(env);
    }
    if let Some(artifacts) = root.get("artifacts") {
        l.artifacts(artifacts);
    }
    if let Some(cache) = root.get("cache") {
        l.cache(cache);
    }
    if let Some(reports) = root.get("reports") {
        l.reports(reports);
    }
    Ok(l.out)
}

impl Lint<'_> {
    fn version(&mut self, root: &Node) {
        let Some(v) = root.get("version") else {
            self.out.push(
                Finding::error(
                    "buildspec/version",
                    root.pos,
                    "a buildspec must start with `version: 0.2`",
                )
                .doc(DOC_VERSION),
            );
            return;
        };
        let pos = self.src.key_pos("version", v);
        match v.as_scalar_string().as_deref() {
            Some("0.2") => {}
            Some("0.1") => self.out.push(
                Finding::warning(
                    "buildspec/version",
                    pos,
                    "version 0.1 is legacy: each command runs in its own shell, so `cd` and \
                     exported variables do not carry over to the next command; use `version: 0.2`",
                )
                .doc(DOC_VERSION),
            ),
            other => self.out.push(
                Finding::error(
                    "buildspec/version",
                    pos,
                    format!(
                        "`version` must be 0.2, not {}",
                        other.map_or_else(|| v.type_name().to_owned(), |s| format!("`{s}`"))
                    ),
                )
                .doc(DOC_VERSION),
            ),
        }
    }

    fn phases(&mut self, phases: &Node) {
        let pos = self.src.key_pos("phases", phases);
        if !matches!(phases.value, Value::Map(_)) || phases.entries().is_empty() {
            self.out.push(
                Finding::error(
                    "buildspec/phases",
                    pos,
                    "`phases` must be a mapping of phases (install, pre_build, build, post_build), \
                     each with its `commands`",
                )
                .doc(DOC_PHASES),
            );
            return;
        }
        for (name, phase) in phases.entries() {
            let pos = self.src.key_pos(name, phase);
            if !PHASES.contains(&name.as_str()) {
                self.out.push(
                    Finding::error(
                        "buildspec/phase-name",
                        pos,
                        format!(
                            "`{name}` is not a build phase; the phases are {}.{}",
                            one_of(&PHASES),
                            did_you_mean(name, &PHASES)
                        ),
                    )
                    .doc(DOC_PHASES),
                );
                continue;
            }
            if !matches!(phase.value, Value::Map(_)) {
                let hint = if matches!(phase.value, Value::Seq(_)) {
                    "; put the list under `commands:`"
                } else {
                    ""
                };
                self.out.push(
                    Finding::error(
                        "buildspec/commands",
                        pos,
                        format!(
                            "the `{name}` phase must be a mapping with a `commands` list{hint}"
                        ),
                    )
                    .doc(DOC_PHASES),
                );
                continue;
            }
            self.phase(name, phase);
        }
    }

    fn phase(&mut self, name: &str, phase: &Node) {
        for (key, value) in phase.entries() {
            let allowed = PHASE_KEYS.contains(&key.as_str())
                && (key != "runtime-versions" || name == "install");
            if !allowed {
                let pos = self.src.key_pos(key, value);
                let message = if key == "runtime-versions" {
                    "`runtime-versions` belongs in the `install` phase only".to_owned()
                } else {
                    format!(
                        "`{key}` is not allowed in a phase; use {}.{}",
                        one_of(&PHASE_KEYS),
                        did_you_mean(key, &PHASE_KEYS)
                    )
                };
                self.out
                    .push(Finding::error("buildspec/phase-key", pos, message).doc(DOC_PHASES));
            }
        }
        match phase.get("commands") {
            Some(commands) => self.commands(name, "commands", commands),
            // `install` may hold only `runtime-versions`.
            None if name == "install" && phase.get("runtime-versions").is_some() => {}
            None => self.out.push(
                Finding::error(
                    "buildspec/commands",
                    phase.pos,
                    format!("the `{name}` phase has no `commands` list"),
                )
                .doc(DOC_PHASES),
            ),
        }
        if let Some(finally) = phase.get("finally") {
            self.commands(name, "finally", finally);
        }
        if let Some(on_failure) = phase.get("on-failure") {
            let ok = on_failure
                .as_str()
                .is_some_and(|s| s == "ABORT" || s == "CONTINUE" || s.starts_with("RETRY"));
            if !ok {
                let pos = self.src.key_pos("on-failure", on_failure);
                self.out.push(
                    Finding::error(
                        "buildspec/phase-key",
                        pos,
                        "`on-failure` must be `ABORT`, `CONTINUE` or a `RETRY` setting",
                    )
                    .doc(DOC_PHASES),
                );
            }
        }
    }

    fn commands(&mut self, phase: &str, key: &str, list: &Node) {
        let pos = self.src.key_pos(key, list);
        let Value::Seq(items) = &list.value else {
            self.out.push(
                Finding::error(
                    "buildspec/commands",
                    pos,
                    format!(
                        "`{key}` in the `{phase}` phase must be a list of commands, one per `- ` line"
                    ),
                )
                .doc(DOC_PHASES),
            );
            return;
        };
        if items.is_empty() {
            self.out.push(
                Finding::error(
                    "buildspec/commands",
                    pos,
                    format!("`{key}` in the `{phase}` phase is empty"),
                )
                .doc(DOC_PHASES),
            );
        }
        for item in items {
            let message = match &item.value {
                Value::Str(s) => {
                    if contains_aws_access_key(s) {
                        self.out.push(
                            Finding::error(
                                "buildspec/plaintext-secret",
                                item.pos,
                                "this command contains an AWS access key id; give the build \
                                 project an IAM service role instead of keys",
                            )
                            .doc(DOC_SECRETS),
                        );
                    }
                    continue;
                }
                Value::Map(_) => "YAML read this command as a `key: value` pair because it \
                                  contains `: `; put the whole command in quotes"
                    .to_owned(),
                Value::Null => "this command is empty".to_owned(),
                _ => format!(
                    "a command must be a string, not {}; put it in quotes",
                    item.type_name()
                ),
            };
            self.out
                .push(Finding::error("buildspec/commands", item.pos, message).doc(DOC_PHASES));
        }
    }
}
