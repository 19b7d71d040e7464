//! Reading `exercise.toml`: TOML in, a checked [`Spec`] or every problem with its line out.
//!
//! As for quiz blocks, the TOML is parsed once into a tree with byte spans, unknown keys
//! are reported on their own line (with a suggestion when one is close), and each check
//! and known-wrong answer is read on its own so one broken entry does not hide the
//! problems of the others.

use super::dataset::DataSpec;
use super::series::SeriesSpec;
use super::{Check, DataKind, ExerciseError, SolutionPolicy, Test};
use crate::lint::Kind;
pub(super) use crate::names::{is_id, suggestion};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Points an exercise is worth when `points` is not given.
pub(super) const DEFAULT_POINTS: u32 = 10;

const TOP_KEYS: [&str; 9] = [
    "id",
    "kind",
    "points",
    "starter",
    "solution",
    "solution_policy",
    "checks",
    "wrong",
    "data",
];
const POLICY_KEYS: [&str; 1] = ["after_failed"];
const WRONG_KEYS: [&str; 2] = ["file", "fails"];

/// What `exercise.toml` says, files not yet read.
#[derive(Debug, Clone)]
pub(super) struct Spec {
    pub id: String,
    pub checker: SpecChecker,
    pub points: u32,
    /// The starter's file name and the line that named it (0 for the default).
    pub starter: (String, usize),
    /// The solution's file name and the line that named it (0 for the default).
    pub solution: (String, usize),
    pub policy: SolutionPolicy,
    pub checks: Vec<Check>,
    pub wrong: Vec<WrongSpec>,
    /// The end of each `alarm` check's window, to hold against the series once read.
    pub windows: Vec<WindowEnd>,
}

/// The kind of an exercise before its files are read: a linter, or a data kind with the
/// data files still to read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SpecChecker {
    Lint(Kind),
    Data(DataSpec),
    /// A `cloudwatch-alarm` exercise with `[data]`: a metric series to read.
    Alarm(SeriesSpec),
}

/// Where an `alarm` check's window ends: the series' length is known only once its file
/// is read, so `to` is checked against it then, and reported on its own line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WindowEnd {
    /// The check's id.
    pub check: String,
    /// Its `to`.
    pub to: usize,
    /// The line of its `to` key.
    pub line: usize,
}

/// A `[[wrong]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrongSpec {
    pub file: String,
    pub fails: Vec<String>,
    /// Line of the `[[wrong]]` header.
    pub line: usize,
    /// Line of its `file` key.
    pub file_line: usize,
}

/// Parses and checks the text of `exercise.toml`; `file` is used in errors.
pub(super) fn parse(src: &str, file: &Path) -> Result<Spec, Vec<ExerciseError>> {
    let mut p = Parser {
        file: file.to_path_buf(),
        newlines: src.match_indices('\n').map(|(i, _)| i).collect(),
        errors: Vec::new(),
        windows: Vec::new(),
    };
    let (root, syntax) = DeTable::parse_recoverable(src);
    if !syntax.is_empty() {
        for e in &syntax {
            p.toml_error(e, 1, "");
        }
        return Err(p.errors);
    }
    let spec = p.spec(root.get_ref());
    match spec {
        Some(spec) if p.errors.is_empty() => Ok(spec),
        _ => {
            p.errors.sort_by_key(|e| e.line);
            Err(p.errors)
        }
    }
}

pub(super) struct Parser {
    file: PathBuf,
    /// Byte offsets of the source's newlines, to turn spans into lines.
    newlines: Vec<usize>,
    pub(super) errors: Vec<ExerciseError>,
    /// The windows of the `alarm` checks read so far.
    pub(super) windows: Vec<WindowEnd>,
}

impl Parser {
    pub(super) fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }

    pub(super) fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(ExerciseError {
            file: self.file.clone(),
            line,
            message: message.into(),
        });
    }

    pub(super) fn toml_error(&mut self, e: &toml::de::Error, fallback_line: usize, context: &str) {
        let line = e.span().map_or(fallback_line, |s| self.line(s.start));
        let message = e.message().trim().replace('\n', "; ");
        self.error(line, format!("{context}{message}"));
    }

    /// Reads a value with serde, reporting a type error on its line.
    pub(super) fn value<T: DeserializeOwned>(
        &mut self,
        v: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(v.clone())) {
            Ok(t) => Some(t),
            Err(e) => {
                let line = self.line(v.span().start);
                self.toml_error(&e, line, &format!("{what}: "));
                None
            }
        }
    }

    /// Reports keys not in `allowed`, with a suggestion when one is close; returns them.
    pub(super) fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        allowed: &[&str],
        place: &str,
    ) -> Vec<String> {
        let mut bad = Vec::new();
        for (offset, name, message) in crate::names::unknown_keys(table, allowed, place) {
            let line = self.line(offset);
            self.error(line, message);
            bad.push(name);
        }
        bad
    }

    /// Line of each key of `table`.
    pub(super) fn key_lines(&self, table: &DeTable<'_>) -> HashMap<String, usize> {
        table
            .keys()
            .map(|k| (k.get_ref().to_string(), self.line(k.span().start)))
            .collect()
    }

    fn spec(&mut self, root: &DeTable<'_>) -> Option<Spec> {
        self.unknown_keys(root, &TOP_KEYS, "");
        let lines = self.key_lines(root);
        let at = |key: &str| lines.get(key).copied().unwrap_or(1);

        let id = match root.get("id") {
            Some(v) => match self.value::<String>(v, "`id`") {
                Some(id) if is_id(&id) => id,
                Some(id) => {
                    self.error(at("id"), format!("exercise id `{id}` {ID_RULE}"));
                    id
                }
                None => String::new(),
            },
            None => {
                self.error(1, "the exercise has no `id`");
                String::new()
            }
        };
        let checker = self.checker(root, &at);
        let points = match root.get("points") {
            None => DEFAULT_POINTS,
            Some(v) => match self.value::<i64>(v, "`points`").map(u32::try_from) {
                Some(Ok(n)) if n <= 10_000 => n,
                Some(_) => {
                    self.error(
                        at("points"),
                        "`points` must be a whole number from 0 to 10000",
                    );
                    DEFAULT_POINTS
                }
                None => DEFAULT_POINTS,
            },
        };
        let ext = checker.as_ref().map_or("txt", default_extension);
        let mut file_name = |key: &str| match root.get(key) {
            None => (format!("{key}.{ext}"), 0),
            Some(v) => (
                self.value::<String>(v, &format!("`{key}`"))
                    .unwrap_or_default(),
                at(key),
            ),
        };
        let starter = file_name("starter");
        let solution = file_name("solution");
        let policy = self.policy(root);

        let checker = checker?;
        let checks = self.checks(root, &checker, &at);
        let wrong = self.wrong(root, &checks);
        Some(Spec {
            id,
            checker,
            points,
            starter,
            solution,
            policy,
            checks,
            wrong,
            windows: std::mem::take(&mut self.windows),
        })
    }

    fn checker(&mut self, root: &DeTable<'_>, at: &dyn Fn(&str) -> usize) -> Option<SpecChecker> {
        let Some(v) = root.get("kind") else {
            self.error(
                1,
                format!("the exercise has no `kind` (one of {})", kind_list()),
            );
            return None;
        };
        let name = self.value::<String>(v, "`kind`")?;
        let data = root.get("data");
        if let Ok(kind) = name.parse::<Kind>() {
            match data {
                Some(data) if kind == Kind::CloudwatchAlarm => {
                    return Some(SpecChecker::Alarm(self.series_spec(data)));
                }
                Some(_) => self.error(
                    at("data"),
                    format!(
                        "`[data]` is for the data kinds and for the metric series of a \
                         cloudwatch-alarm exercise, not for `{name}` exercises"
                    ),
                ),
                None => {}
            }
            return Some(SpecChecker::Lint(kind));
        }
        if let Some(kind) = DataKind::ALL.into_iter().find(|k| k.name() == name) {
            return Some(SpecChecker::Data(self.data_spec(kind, data)));
        }
        let all = all_kinds();
        let hint = suggestion(&name, &all)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        self.error(
            at("kind"),
            format!("unknown kind `{name}` ({hint}use one of {})", kind_list()),
        );
        None
    }

    fn policy(&mut self, root: &DeTable<'_>) -> SolutionPolicy {
        let Some(v) = root.get("solution_policy") else {
            return SolutionPolicy::default();
        };
        let Some(table) = v.get_ref().as_table() else {
            let line = self.line(v.span().start);
            self.error(
                line,
                "`solution_policy` must be a table (`[solution_policy]`)",
            );
            return SolutionPolicy::default();
        };
        self.unknown_keys(table, &POLICY_KEYS, " in `[solution_policy]`");
        let Some(n) = table.get("after_failed") else {
            return SolutionPolicy::default();
        };
        match self.value::<i64>(n, "`after_failed`").map(u32::try_from) {
            Some(Ok(n)) => SolutionPolicy {
                after_failed: Some(n),
            },
            Some(Err(_)) => {
                let line = self.line(n.span().start);
                self.error(
                    line,
                    "`after_failed` must be 0 (always) or a number of failed submissions",
                );
                SolutionPolicy::default()
            }
            None => SolutionPolicy::default(),
        }
    }

    fn checks(
        &mut self,
        root: &DeTable<'_>,
        checker: &SpecChecker,
        at: &dyn Fn(&str) -> usize,
    ) -> Vec<Check> {
        let Some(v) = root.get("checks") else {
            self.error(1, "the exercise has no `[[checks]]`");
            return Vec::new();
        };
        let Some(list) = v.get_ref().as_array() else {
            self.error(
                at("checks"),
                "`checks` must be a list of tables (`[[checks]]`)",
            );
            return Vec::new();
        };
        if list.is_empty() {
            self.error(at("checks"), "the exercise has no checks");
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let checks: Vec<Check> = list
            .iter()
            .filter_map(|item| self.check(item, checker, &mut seen))
            .collect();
        // Two checks on one part of a data answer would always pass or fail together.
        let mut read: HashMap<&str, &Check> = HashMap::new();
        for c in &checks {
            if let Test::Data { key } = &c.test {
                if let Some(first) = read.get(key.as_str()) {
                    let message = format!(
                        "check `{}` reads `{key}` too (as does check `{}`, line {}); give each \
                         answer key one check",
                        c.id, first.id, first.line
                    );
                    self.error(c.line, message);
                } else {
                    read.insert(key, c);
                }
            }
        }
        checks
    }

    fn wrong(&mut self, root: &DeTable<'_>, checks: &[Check]) -> Vec<WrongSpec> {
        let Some(v) = root.get("wrong") else {
            return Vec::new();
        };
        let Some(list) = v.get_ref().as_array() else {
            let line = self.line(v.span().start);
            self.error(line, "`wrong` must be a list of tables (`[[wrong]]`)");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in list.iter() {
            let line = self.line(item.span().start);
            let Some(table) = item.get_ref().as_table() else {
                self.error(line, "each entry of `wrong` must be a table");
                continue;
            };
            self.unknown_keys(table, &WRONG_KEYS, " in `[[wrong]]`");
            let lines = self.key_lines(table);
            let file = table
                .get("file")
                .and_then(|v| self.value::<String>(v, "`file`"));
            let fails = table
                .get("fails")
                .and_then(|v| self.value::<Vec<String>>(v, "`fails`"));
            let (Some(file), Some(fails)) = (file, fails) else {
                if !table.contains_key("file") || !table.contains_key("fails") {
                    self.error(
                        line,
                        "a `[[wrong]]` answer needs `file` and `fails` (the checks it must fail)",
                    );
                }
                continue;
            };
            let fails_line = lines.get("fails").copied().unwrap_or(line);
            if fails.is_empty() {
                self.error(
                    fails_line,
                    format!("the wrong answer `{file}` must fail at least one check"),
                );
            }
            for id in &fails {
                if !checks.iter().any(|c| c.id == *id) {
                    let hint = suggestion(
                        id,
                        &checks.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                    )
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                    self.error(
                        fails_line,
                        format!("the wrong answer `{file}` names an unknown check `{id}`{hint}"),
                    );
                }
            }
            let file_line = lines.get("file").copied().unwrap_or(line);
            out.push(WrongSpec {
                file,
                fails,
                line,
                file_line,
            });
        }
        out
    }
}

/// The file extension of a kind's default starter and solution.
fn default_extension(checker: &SpecChecker) -> &'static str {
    match checker {
        SpecChecker::Lint(Kind::Buildspec) => "yml",
        SpecChecker::Lint(Kind::EcsTaskDefinition) => "json",
        SpecChecker::Lint(Kind::Dockerfile) => "Dockerfile",
        SpecChecker::Lint(Kind::Appspec | Kind::Cloudformation | Kind::CloudwatchAlarm) => "yaml",
        SpecChecker::Data(_) | SpecChecker::Alarm(_) => "yaml",
    }
}

fn all_kinds() -> Vec<&'static str> {
    Kind::ALL
        .iter()
        .map(|k| k.name())
        .chain(DataKind::ALL.iter().map(|k| k.name()))
        .collect()
}

fn kind_list() -> String {
    all_kinds().join(", ")
}

pub(super) const ID_RULE: &str =
    "must be lower-case letters, digits and hyphens, starting with a letter or digit";
