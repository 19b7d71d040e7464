//! AWS-aware linters for learners' configuration files.
//!
//! A learner pastes a buildspec, an AppSpec file, an ECS task definition, a CloudWatch
//! alarm (and, from the sibling modules, a CloudFormation template or a Dockerfile) and
//! gets findings that name a rule, a line and the AWS documentation page to read.
//! Nothing is ever executed: every check parses and inspects the text.
//!
//! [`lint`] enforces the input limits before any linter sees the text: size, binary data,
//! emptiness, and the bounded YAML loader of [`crate::doc`] (depth, node budget, so alias
//! bombs and deep nesting fail fast). A document of the wrong kind gets one clear
//! [`ParseFailure`] rather than a flood of findings.

mod alarm;
mod alarm_eval;
mod appspec;
mod buildspec;
mod cloudformation;
pub(crate) mod dockerfile;
mod ecs_task;
mod support;

#[cfg(test)]
mod tests;

pub use alarm_eval::{AlarmState, evaluate_alarm};

use crate::doc::{self, Node, Pos, Value};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Largest input any linter accepts, in bytes.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;

/// Control characters (other than tab, newline, carriage return) tolerated before the
/// input is taken for binary data. A stray form feed or escape is not worth refusing.
const MAX_CONTROL_CHARS: usize = 4;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS would reject the file, or it would not do what the learner meant.
    Error,
    /// Works, but is risky, legacy or unusual.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in a learner's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, `kind/name`, such as `buildspec/version`.
    pub rule: String,
    /// Error or warning.
    pub severity: Severity,
    /// 1-based line the finding is about.
    pub line: usize,
    /// 1-based column the finding is about.
    pub col: usize,
    /// What is wrong and what to do, for a learner.
    pub message: String,
    /// The AWS documentation page that explains the rule.
    pub doc: Option<String>,
}

impl Finding {
    /// An error of `rule` at `pos`.
    pub(crate) fn error(rule: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Error, pos, message)
    }

    /// A warning of `rule` at `pos`.
    pub(crate) fn warning(rule: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Warning, pos, message)
    }

    fn new(rule: &str, severity: Severity, pos: Pos, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_owned(),
            severity,
            line: pos.line.max(1),
            col: pos.col.max(1),
            message: message.into(),
            doc: None,
        }
    }

    /// The same finding with a documentation link.
    pub(crate) fn doc(mut self, url: &str) -> Self {
        self.doc = Some(url.to_owned());
        self
    }
}

impl fmt::Display for Finding {
    /// `line:col: severity [rule] message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} [{}] {}",
            self.line, self.col, self.severity, self.rule, self.message
        )
    }
}

/// Why a file could not be linted at all: too big, binary, empty, not YAML/JSON, or not
/// the kind of file the learner said it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("line {line}, column {col}: {message}")]
pub struct ParseFailure {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong, for a learner.
    pub message: String,
}

impl ParseFailure {
    /// A failure at `pos`.
    pub(crate) fn at(pos: Pos, message: impl Into<String>) -> Self {
        ParseFailure {
            line: pos.line.max(1),
            col: pos.col.max(1),
            message: message.into(),
        }
    }

    /// A failure about the whole file, reported at its start.
    pub(crate) fn whole(message: impl Into<String>) -> Self {
        Self::at(Pos { line: 1, col: 1 }, message)
    }
}

/// The kinds of file there is a linter for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A CodeBuild `buildspec.yml`.
    Buildspec,
    /// A CodeDeploy `appspec.yml` / `appspec.json` (ECS, EC2/On-Premises or Lambda).
    Appspec,
    /// A CloudFormation template.
    Cloudformation,
    /// An ECS task definition, as given to `register-task-definition`.
    EcsTaskDefinition,
    /// A Dockerfile.
    Dockerfile,
    /// A CloudWatch metric alarm, bare or as a CloudFormation resource.
    CloudwatchAlarm,
}

impl Kind {
    /// Every kind, in a stable order.
    pub const ALL: [Kind; 6] = [
        Kind::Buildspec,
        Kind::Appspec,
        Kind::Cloudformation,
        Kind::EcsTaskDefinition,
        Kind::Dockerfile,
        Kind::CloudwatchAlarm,
    ];

    /// The name used in content and URLs (`"ecs-task-definition"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Buildspec => "buildspec",
            Kind::Appspec => "appspec",
            Kind::Cloudformation => "cloudformation",
            Kind::EcsTaskDefinition => "ecs-task-definition",
            Kind::Dockerfile => "dockerfile",
            Kind::CloudwatchAlarm => "cloudwatch-alarm",
        }
    }

    /// The kind with an article, for messages ("an ECS task definition").
    pub(crate) fn described(self) -> &'static str {
        match self {
            Kind::Buildspec => "a CodeBuild buildspec",
            Kind::Appspec => "a CodeDeploy AppSpec file",
            Kind::Cloudformation => "a CloudFormation template",
            Kind::EcsTaskDefinition => "an ECS task definition",
            Kind::Dockerfile => "a Dockerfile",
            Kind::CloudwatchAlarm => "a CloudWatch alarm",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A kind name that no linter has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown kind of file `{0}`; expected one of buildspec, appspec, cloudformation, ecs-task-definition, dockerfile, cloudwatch-alarm"
)]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// Lints `src` as a file of `kind`.
///
/// Findings come sorted by line. A file that cannot be read at all (too big, binary,
/// empty, broken YAML/JSON, or plainly another kind of file) is a [`ParseFailure`].
pub fn lint(kind: Kind, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    Ok(lint_tree(kind, src)?.0)
}

/// [`lint`], also returning the parsed document (none for a Dockerfile), so that a
/// caller reading the document too parses it once.
pub(crate) fn lint_tree(
    kind: Kind,
    src: &str,
) -> Result<(Vec<Finding>, Option<Node>), ParseFailure> {
    check_text(src)?;
    let (mut findings, root) = match kind {
        Kind::Dockerfile => (dockerfile::lint(src)?, None),
        _ => {
            let root = load(kind, src)?;
            (lint_document(kind, &root, src)?, Some(root))
        }
    };
    findings.sort_by_key(|f| (f.line, f.col));
    Ok((findings, root))
}

/// The rules of `kind` on a document loaded from `src`.
fn lint_document(kind: Kind, root: &Node, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    match kind {
        Kind::Buildspec => buildspec::lint(root, src),
        Kind::Appspec => appspec::lint(root, src),
        Kind::EcsTaskDefinition => ecs_task::lint(root, src),
        Kind::CloudwatchAlarm => alarm::lint(root, src),
        Kind::Cloudformation => cloudformation::lint(root, src),
        // Not a YAML or JSON document: read from the text.
        Kind::Dockerfile => dockerfile::lint(src),
    }
}

/// Refuses input no linter should parse: too big, binary, or empty.
pub(crate) fn check_text(src: &str) -> Result<(), ParseFailure> {
    if src.len() > MAX_INPUT_BYTES {
        return Err(ParseFailure::whole(format!(
            "the file is {} KB; the limit is {} KB",
            src.len().div_ceil(1024),
            MAX_INPUT_BYTES / 1024
        )));
    }
    let mut control = 0usize;
    for c in src.chars() {
        if c == '\0' {
            return Err(ParseFailure::whole(binary_message()));
        }
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFD}' {
            control += 1;
            if control > MAX_CONTROL_CHARS {
                return Err(ParseFailure::whole(binary_message()));
            }
        }
    }
    let meaningful = src
        .lines()
        .map(str::trim)
        .any(|l| !l.is_empty() && !l.starts_with('#'));
    if !meaningful {
        return Err(ParseFailure::whole(
            "the file is empty: paste the whole file to check it",
        ));
    }
    Ok(())
}

fn binary_message() -> &'static str {
    "this looks like binary data, not a text file"
}

/// Loads a YAML or JSON kind through the bounded loader, and refuses a document whose
/// top level is not a mapping with a message that says what it looks like instead.
pub(crate) fn load(kind: Kind, src: &str) -> Result<Node, ParseFailure> {
    let limits = doc::Limits {
        max_bytes: MAX_INPUT_BYTES,
        ..doc::Limits::default()
    };
    let root = match doc::parse_yaml(src, limits) {
        Ok(root) => root,
        Err(e) => {
            if looks_like_dockerfile(src) {
                return Err(wrong_kind_text(kind, Kind::Dockerfile));
            }
            let hint = if e.message.contains("alias") || e.message.contains("anchor") {
                "; a value starting with `*` (such as a `**/*` glob) must be in quotes"
            } else {
                ""
            };
            return Err(ParseFailure::at(
                e.pos,
                format!("this is not valid YAML or JSON: {}{hint}", e.message),
            ));
        }
    };
    if !matches!(root.value, Value::Map(_)) {
        if looks_like_dockerfile(src) {
            return Err(wrong_kind_text(kind, Kind::Dockerfile));
        }
        return Err(ParseFailure::at(
            root.pos,
            format!(
                "this does not look like {}: its top level is {}, not a mapping of keys",
                kind.described(),
                root.type_name()
            ),
        ));
    }
    Ok(root)
}

fn wrong_kind_text(expected: Kind, found: Kind) -> ParseFailure {
    ParseFailure::whole(format!(
        "this does not look like {}: it looks like {}",
        expected.described(),
        found.described()
    ))
}

/// True when the first instruction line reads like a Dockerfile (`FROM`, or `ARG` before
/// a `FROM`), so YAML kinds can name the mix-up instead of a YAML syntax error.
pub(crate) fn looks_like_dockerfile(src: &str) -> bool {
    let mut lines = src
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let Some(first) = lines.next() else {
        return false;
    };
    let word = |l: &str| {
        l.split_whitespace()
            .next()
            .map(str::to_ascii_uppercase)
            .unwrap_or_default()
    };
    match word(first).as_str() {
        "FROM" => !first.contains(": ") && !first.ends_with(':'),
        "ARG" => lines.any(|l| word(l) == "FROM"),
        _ => false,
    }
}

/// What a loaded document looks like, judged from its top-level keys; used to turn a
/// mix-up into one clear message.
pub(crate) fn guess_kind(root: &Node) -> Option<Kind> {
    let has = |k: &str| root.get(k).is_some();
    if has("phases") {
        return Some(Kind::Buildspec);
    }
    if has("containerDefinitions")
        || root
            .get("taskDefinition")
            .is_some_and(|t| t.get("containerDefinitions").is_some())
    {
        return Some(Kind::EcsTaskDefinition);
    }
    let resources = support::get_ci(root, "Resources");
    if resources.is_some_and(|r| matches!(r.value, Value::Seq(_)))
        || (has("version") && (has("os") || has("files") || has("hooks") || has("Hooks")))
    {
        return Some(Kind::Appspec);
    }
    if has("MetricName")
        || has("ComparisonOperator")
        || root.get("Type").and_then(Node::as_str) == Some("AWS::CloudWatch::Alarm")
    {
        return Some(Kind::CloudwatchAlarm);
    }
    if has("AWSTemplateFormatVersion")
        || resources.is_some_and(|r| r.entries().iter().any(|(_, v)| v.get("Type").is_some()))
    {
        return Some(Kind::Cloudformation);
    }
    None
}

/// The failure for a mapping that lacks the keys that make it `expected`: names what is
/// missing and, when it can tell, what the document looks like instead.
pub(crate) fn wrong_kind(root: &Node, expected: Kind, missing: &str) -> ParseFailure {
    let instead = match guess_kind(root) {
        Some(found) if found != expected => format!("; it looks like {}", found.described()),
        _ => String::new(),
    };
    ParseFailure::at(
        root.pos,
        format!(
            "this does not look like {}: it has no {missing}{instead}",
            expected.described()
        ),
    )
}
