//! Reading one `[[checks]]` entry: its common keys, then a rule, a path or an
//! instruction with exactly one assertion, or an `alarm` window (read in `alarm.rs`).

use super::spec::{ID_RULE, Parser, SpecChecker, WindowEnd, is_id, suggestion};
use super::{Assertion, Check, DocPath, Quantifier, Scope, Test, Text, ValueType};
use crate::lint::Kind;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Cap on a compiled regex, so a pattern cannot eat the server's memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Keys every check takes, whatever its kind.
const COMMON_KEYS: [&str; 5] = ["id", "message", "hint", "message_vi", "hint_vi"];
/// The key of a data kind's check, besides the common ones.
const DATA_KEYS: [&str; 1] = ["key"];
/// Keys of a lint kind's check, besides the common ones.
const TEST_KEYS: [&str; 17] = [
    "rule",
    "path",
    "instruction",
    "alarm",
    "from",
    "to",
    "scope",
    "for",
    "exists",
    "absent",
    "equals",
    "one_of",
    "matches",
    "type",
    "count_min",
    "count_max",
    "contains_match",
];
const ASSERTION_KEYS: [&str; 9] = [
    "exists",
    "absent",
    "equals",
    "one_of",
    "matches",
    "type",
    "count_min",
    "count_max",
    "contains_match",
];
/// The assertions an `instruction` check takes.
const INSTRUCTION_ASSERTIONS: [&str; 5] = ["exists", "absent", "matches", "count_min", "count_max"];

#[derive(Deserialize)]
struct RawCommon {
    id: Option<String>,
    message: Option<String>,
    hint: Option<String>,
    message_vi: Option<String>,
    hint_vi: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTest {
    rule: Option<String>,
    pub(super) alarm: Option<String>,
    pub(super) from: Option<i64>,
    pub(super) to: Option<i64>,
    path: Option<String>,
    instruction: Option<String>,
    scope: Option<String>,
    #[serde(rename = "for")]
    quantifier: Option<String>,
    exists: Option<bool>,
    absent: Option<bool>,
    equals: Option<toml::Value>,
    one_of: Option<Vec<toml::Value>>,
    matches: Option<String>,
    #[serde(rename = "type")]
    value_type: Option<String>,
    count_min: Option<i64>,
    count_max: Option<i64>,
    contains_match: Option<String>,
}

impl Parser {
    /// Reads one entry of `checks`; `seen` maps ids to their first line.
    pub(super) fn check(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        checker: &SpecChecker,
        seen: &mut HashMap<String, usize>,
    ) -> Option<Check> {
        let line = self.line(item.span().start);
        let Some(table) = item.get_ref().as_table() else {
            self.error(line, "each entry of `checks` must be a table");
            return None;
        };
        let lines = self.key_lines(table);
        let at = |key: &str| lines.get(key).copied().unwrap_or(line);
        let part = |keep: bool| {
            let mut t = table.clone();
            let drop: Vec<String> = table
                .keys()
                .map(|k| k.get_ref().to_string())
                .filter(|k| COMMON_KEYS.contains(&k.as_str()) != keep)
                .collect();
            for key in &drop {
                t.remove(key.as_str());
            }
            Spanned::new(item.span(), DeValue::Table(t))
        };
        let common: RawCommon = self.value(&part(true), "check")?;

        let id = match common.id {
            Some(id) if is_id(&id) => {
                if let Some(first) = seen.get(&id) {
                    let message = format!("duplicate check id `{id}` (first used on line {first})");
                    self.error(at("id"), message);
                } else {
                    seen.insert(id.clone(), line);
                }
                id
            }
            Some(id) => {
                self.error(at("id"), format!("check id `{id}` {ID_RULE}"));
                id
            }
            None => {
                self.error(line, "the check has no `id`");
                String::new()
            }
        };
        let name = if id.is_empty() {
            "the check".to_owned()
        } else {
            format!("check `{id}`")
        };
        let mut text = |en: Option<String>, vi: Option<String>, key: &str| {
            let en = en.filter(|t| !t.trim().is_empty());
            if en.is_none() {
                self.error(line, format!("{name} has no `{key}`"));
            }
            Text {
                en: en.unwrap_or_default(),
                vi: vi.filter(|t| !t.trim().is_empty()),
            }
        };
        let message = text(common.message, common.message_vi, "message");
        let hint = text(common.hint, common.hint_vi, "hint");

        let test = match checker {
            SpecChecker::Data(data) => {
                let rest = part(false);
                let rest_table = rest.get_ref().as_table()?;
                let mut allowed: Vec<&str> = COMMON_KEYS.to_vec();
                allowed.extend(DATA_KEYS);
                let kind = data.kind();
                self.unknown_keys(rest_table, &allowed, &format!(" in a {kind} check"));
                let keys = kind.check_keys();
                let Some(v) = rest_table.get("key") else {
                    self.error(
                        line,
                        format!(
                            "{name} needs `key`, the part of the answer it checks (one of {})",
                            keys.join(", ")
                        ),
                    );
                    return None;
                };
                let key: String = self.value(v, "`key`")?;
                if !keys.contains(&key.as_str()) {
                    let hint = suggestion(&key, keys)
                        .map(|s| format!("did you mean `{s}`? "))
                        .unwrap_or_default();
                    self.error(
                        at("key"),
                        format!(
                            "unknown answer key `{key}` ({hint}a {kind} check reads one of {})",
                            keys.join(", ")
                        ),
                    );
                    return None;
                }
                Test::Data { key }
            }
            SpecChecker::Lint(_) | SpecChecker::Alarm(_) => {
                let (kind, series) = match checker {
                    SpecChecker::Lint(kind) => (*kind, false),
                    _ => (Kind::CloudwatchAlarm, true),
                };
                let rest = part(false);
                let rest_table = rest.get_ref().as_table()?;
                let mut allowed: Vec<&str> = COMMON_KEYS.to_vec();
                allowed.extend(TEST_KEYS);
                let bad = self.unknown_keys(rest_table, &allowed, " in a check");
                let mut clean: DeTable<'_> = rest_table.clone();
                for key in &bad {
                    clean.remove(key.as_str());
                }
                let clean = Spanned::new(item.span(), DeValue::Table(clean));
                let raw = match RawTest::deserialize(ValueDeserializer::from(clean)) {
                    Ok(raw) => raw,
                    Err(e) => {
                        self.toml_error(&e, line, "");
                        return None;
                    }
                };
                self.test(raw, kind, series, &name, &at)?
            }
        };
        if let Test::Alarm { to, .. } = &test {
            self.windows.push(WindowEnd {
                check: id.clone(),
                to: *to,
                line: at("to"),
            });
        }
        Some(Check {
            id,
            message,
            hint,
            test,
            line,
        })
    }

    fn test(
        &mut self,
        raw: RawTest,
        kind: Kind,
        series: bool,
        name: &str,
        at: &dyn Fn(&str) -> usize,
    ) -> Option<Test> {
        let targets: Vec<&str> = [
            ("rule", raw.rule.is_some()),
            ("path", raw.path.is_some()),
            ("instruction", raw.instruction.is_some()),
            ("alarm", raw.alarm.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, present)| present.then_some(k))
        .collect();
        let given: Vec<&str> = ASSERTION_KEYS
            .into_iter()
            .filter(|k| present(&raw, k))
            .collect();
        if targets.len() != 1 {
            let message = if targets.is_empty() {
                format!("{name} needs one of `rule`, `path`, `instruction` or `alarm`")
            } else {
                format!("{name} has {}; give exactly one", targets.join(" and "))
            };
            self.error(at(targets.get(1).copied().unwrap_or("id")), message);
            return None;
        }
        if targets[0] == "alarm" {
            let mut extra = given.clone();
            extra.extend(
                [
                    ("scope", raw.scope.is_some()),
                    ("for", raw.quantifier.is_some()),
                ]
                .into_iter()
                .filter_map(|(k, present)| present.then_some(k)),
            );
            for key in extra {
                self.error(
                    at(key),
                    format!("`{key}` does not apply to an `alarm` check"),
                );
            }
            return self.alarm_test(&raw, kind, series, name, at);
        }
        for key in ["from", "to"] {
            let present = if key == "from" { raw.from } else { raw.to };
            if present.is_some() {
                self.error(at(key), format!("`{key}` belongs to an `alarm` check"));
            }
        }
        let quantifier = match raw.quantifier.as_deref() {
            None | Some("all") => Quantifier::All,
            Some("any") => Quantifier::Any,
            Some(other) => {
                self.error(
                    at("for"),
                    format!("`for = \"{other}\"`: use \"all\" or \"any\""),
                );
                Quantifier::All
            }
        };
        if targets[0] == "rule" {
            let mut extra = given.clone();
            if raw.scope.is_some() {
                extra.push("scope");
            }
            if raw.quantifier.is_some() {
                extra.push("for");
            }
            for key in extra {
                self.error(at(key), format!("`{key}` does not apply to a `rule` check"));
            }
            let rule = raw.rule.unwrap_or_default();
            return self.rule(&rule, kind, at("rule")).map(Test::Rule);
        }
        if raw.scope.is_some() && targets[0] != "instruction" {
            self.error(at("scope"), "`scope` applies only to `instruction` checks");
        }
        let assertion_key = match given.as_slice() {
            [one] => *one,
            [] => {
                self.error(
                    at(targets[0]),
                    format!("{name} needs one assertion: {}", ASSERTION_KEYS.join(", ")),
                );
                return None;
            }
            [_, second, ..] => {
                self.error(
                    at(second),
                    format!(
                        "{name} has {}; give exactly one assertion",
                        given.join(" and ")
                    ),
                );
                return None;
            }
        };
        let assertion = self.assertion(raw.assertion_value(), assertion_key, at(assertion_key))?;
        if targets[0] == "path" {
            if kind == Kind::Dockerfile {
                self.error(
                    at("path"),
                    "a Dockerfile has no document tree for `path`; use `instruction = \"USER\"` or a `rule`",
                );
                return None;
            }
            let text = raw.path.unwrap_or_default();
            return match text.parse::<DocPath>() {
                Ok(path) => Some(Test::Path {
                    path,
                    assertion,
                    quantifier,
                }),
                Err(e) => {
                    self.error(at("path"), format!("bad path `{text}`: {e}"));
                    None
                }
            };
        }
        if kind != Kind::Dockerfile {
            self.error(
                at("instruction"),
                format!("`instruction` checks are for Dockerfiles; use `path` for {kind} files"),
            );
            return None;
        }
        let keyword = raw.instruction.unwrap_or_default().to_ascii_uppercase();
        if !crate::lint::dockerfile::INSTRUCTIONS.contains(&keyword.as_str()) {
            self.error(
                at("instruction"),
                format!("`{keyword}` is not a Dockerfile instruction"),
            );
            return None;
        }
        if !INSTRUCTION_ASSERTIONS.contains(&assertion_key) {
            self.error(
                at(assertion_key),
                format!(
                    "`{assertion_key}` does not apply to an `instruction` check (use {})",
                    INSTRUCTION_ASSERTIONS.join(", ")
                ),
            );
            return None;
        }
        let scope = match raw.scope.as_deref() {
            None | Some("final-stage") => Scope::FinalStage,
            Some("all") => Scope::All,
            Some(other) => {
                self.error(
                    at("scope"),
                    format!("`scope = \"{other}\"`: use \"final-stage\" or \"all\""),
                );
                return None;
            }
        };
        Some(Test::Instruction {
            keyword,
            scope,
            assertion,
            quantifier,
        })
    }

    fn assertion(&mut self, raw: RawAssertion, key: &str, line: usize) -> Option<Assertion> {
        let regex = |p: &mut Parser, pattern: String| match regex::RegexBuilder::new(&pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            Ok(re) => Some(re),
            Err(e) => {
                let why = e.to_string().replace('\n', " ");
                p.error(line, format!("`{key}` is not a valid regex: {why}"));
                None
            }
        };
        Some(match key {
            "exists" | "absent" => {
                if raw.flag != Some(true) {
                    let other = if key == "exists" { "absent" } else { "exists" };
                    self.error(
                        line,
                        format!("write `{key} = true`, or `{other} = true` for the opposite"),
                    );
                    return None;
                }
                if key == "exists" {
                    Assertion::Exists
                } else {
                    Assertion::Absent
                }
            }
            "equals" => Assertion::Equals(raw.equals?),
            "one_of" => {
                let values = raw.one_of?;
                if values.is_empty() {
                    self.error(line, "`one_of` needs at least one value");
                    return None;
                }
                Assertion::OneOf(values)
            }
            "matches" => Assertion::Matches(regex(self, raw.pattern?)?),
            "contains_match" => Assertion::ContainsMatch(regex(self, raw.pattern?)?),
            "type" => {
                Assertion::Type(match raw.value_type?.as_str() {
                    "string" => ValueType::String,
                    "number" => ValueType::Number,
                    "bool" => ValueType::Bool,
                    "list" => ValueType::List,
                    "map" => ValueType::Map,
                    "null" => ValueType::Null,
                    other => {
                        self.error(
                        line,
                        format!("unknown type `{other}` (use string, number, bool, list, map or null)"),
                    );
                        return None;
                    }
                })
            }
            _ => {
                let Ok(n) = usize::try_from(raw.count?) else {
                    self.error(line, format!("`{key}` must be a whole number, 0 or more"));
                    return None;
                };
                if key == "count_min" {
                    Assertion::CountMin(n)
                } else {
                    Assertion::CountMax(n)
                }
            }
        })
    }
}

/// The one assertion's value, taken out of a [`RawTest`].
struct RawAssertion {
    flag: Option<bool>,
    equals: Option<toml::Value>,
    one_of: Option<Vec<toml::Value>>,
    pattern: Option<String>,
    value_type: Option<String>,
    count: Option<i64>,
}

impl RawTest {
    fn assertion_value(&self) -> RawAssertion {
        RawAssertion {
            flag: self.exists.or(self.absent),
            equals: self.equals.clone(),
            one_of: self.one_of.clone(),
            pattern: self.matches.clone().or_else(|| self.contains_match.clone()),
            value_type: self.value_type.clone(),
            count: self.count_min.or(self.count_max),
        }
    }
}

/// Whether the assertion `key` is given in `raw`.
fn present(raw: &RawTest, key: &str) -> bool {
    match key {
        "exists" => raw.exists.is_some(),
        "absent" => raw.absent.is_some(),
        "equals" => raw.equals.is_some(),
        "one_of" => raw.one_of.is_some(),
        "matches" => raw.matches.is_some(),
        "type" => raw.value_type.is_some(),
        "count_min" => raw.count_min.is_some(),
        "count_max" => raw.count_max.is_some(),
        _ => raw.contains_match.is_some(),
    }
}
