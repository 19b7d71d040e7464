//! The buildspec sections besides `phases`: `env`, `artifacts`, `cache`, `reports`.

use super::{ARTIFACT_KEYS, DOC, DOC_SECRETS, ENV_KEYS, Lint, REPORT_FORMATS};
use crate::doc::{Node, Value};
use crate::lint::Finding;
use crate::lint::support::{did_you_mean, looks_secret, one_of};

const DOC_ENV: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.variables";
const DOC_ARTIFACTS: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.artifacts.files";
const DOC_REPORTS: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.reports.file-format";

impl Lint<'_> {
    pub(super) fn env(&mut self, env: &Node) {
        if !matches!(env.value, Value::Map(_)) {
            let pos = self.src.key_pos("env", env);
            self.out.push(
                Finding::error(
                    "buildspec/env",
                    pos,
                    "`env` must be a mapping such as `variables:`",
                )
                .doc(DOC_ENV),
            );
            return;
        }
        for (key, value) in env.entries() {
            let pos = self.src.key_pos(key, value);
            if !ENV_KEYS.contains(&key.as_str()) {
                self.out.push(
                    Finding::error(
                        "buildspec/env",
                        pos,
                        format!(
                            "`{key}` is not allowed under `env`; use {}.{}",
                            one_of(&ENV_KEYS),
                            did_you_mean(key, &ENV_KEYS)
                        ),
                    )
                    .doc(DOC_ENV),
                );
                continue;
            }
            match key.as_str() {
                "variables" | "parameter-store" | "secrets-manager" => {
                    self.string_map(key, value);
                }
                "exported-variables" => {
                    let ok = matches!(value.value, Value::Seq(_))
                        && value.items().iter().all(|i| i.as_str().is_some());
                    if !ok {
                        self.out.push(
                            Finding::error(
                                "buildspec/env",
                                pos,
                                "`exported-variables` must be a list of variable names",
                            )
                            .doc(DOC_ENV),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// `env.variables`, `env.parameter-store` and `env.secrets-manager`: names to strings.
    fn string_map(&mut self, section: &str, map: &Node) {
        if !matches!(map.value, Value::Map(_)) {
            let pos = self.src.key_pos(section, map);
            self.out.push(
                Finding::error(
                    "buildspec/env",
                    pos,
                    format!("`env.{section}` must be a mapping of NAME: value"),
                )
                .doc(DOC_ENV),
            );
            return;
        }
        for (name, value) in map.entries() {
            let pos = self.src.key_pos(name, value);
            if name.starts_with("CODEBUILD_") {
                self.out.push(
                    Finding::error(
                        "buildspec/reserved-variable",
                        pos,
                        format!(
                            "`{name}`: names starting with CODEBUILD_ are reserved by CodeBuild"
                        ),
                    )
                    .doc(DOC_ENV),
                );
            }
            let Some(text) = value.as_str() else {
                let shown = value
                    .as_scalar_string()
                    .map_or_else(|| value.type_name().to_owned(), |s| format!("`{s}`"));
                self.out.push(
                    Finding::error(
                        "buildspec/env-value",
                        pos,
                        format!("`{name}` must be a string, not {shown}; put the value in quotes"),
                    )
                    .doc(DOC_ENV),
                );
                continue;
            };
            if section == "variables" && looks_secret(name, text) {
                self.out.push(
                    Finding::error(
                        "buildspec/plaintext-secret",
                        pos,
                        format!(
                            "`{name}` looks like a secret in plain text, visible in the console and \
                             logs; move it to `env.secrets-manager` or `env.parameter-store`"
                        ),
                    )
                    .doc(DOC_SECRETS),
                );
            }
        }
    }

    pub(super) fn artifacts(&mut self, artifacts: &Node) {
        let pos = self.src.key_pos("artifacts", artifacts);
        if !matches!(artifacts.value, Value::Map(_)) {
            self.out.push(
                Finding::error(
                    "buildspec/artifacts",
                    pos,
                    "`artifacts` must be a mapping with `files`",
                )
                .doc(DOC_ARTIFACTS),
            );
            return;
        }
        for (key, value) in artifacts.entries() {
            if !ARTIFACT_KEYS.contains(&key.as_str()) {
                let pos = self.src.key_pos(key, value);
                self.out.push(
                    Finding::error(
                        "buildspec/artifacts",
                        pos,
                        format!(
                            "`{key}` is not an artifacts setting.{}",
                            did_you_mean(key, &ARTIFACT_KEYS)
                        ),
                    )
                    .doc(DOC_ARTIFACTS),
                );
            }
        }
        match artifacts.get("files") {
            Some(files) => self.path_list("buildspec/artifacts", "files", files, DOC_ARTIFACTS),
            None if artifacts.get("secondary-artifacts").is_some() => {}
            None => self.out.push(
                Finding::error(
                    "buildspec/artifacts",
                    pos,
                    "`artifacts` needs a `files` list saying what to keep, such as `- '**/*'`",
                )
                .doc(DOC_ARTIFACTS),
            ),
        }
        if let Some(secondary) = artifacts.get("secondary-artifacts") {
            for (id, artifact) in secondary.entries() {
                match artifact.get("files") {
                    Some(files) => {
                        self.path_list("buildspec/artifacts", "files", files, DOC_ARTIFACTS)
                    }
                    None => {
                        let pos = self.src.key_pos(id, artifact);
                        self.out.push(
                            Finding::error(
                                "buildspec/artifacts",
                                pos,
                                format!("secondary artifact `{id}` needs a `files` list"),
                            )
                            .doc(DOC_ARTIFACTS),
                        );
                    }
                }
            }
        }
    }

    pub(super) fn cache(&mut self, cache: &Node) {
        match cache.get("paths") {
            Some(paths) => self.path_list("buildspec/cache", "paths", paths, DOC),
            None => {
                let pos = self.src.key_pos("cache", cache);
                self.out.push(
                    Finding::error("buildspec/cache", pos, "`cache` needs a `paths` list").doc(DOC),
                );
            }
        }
    }

    pub(super) fn reports(&mut self, reports: &Node) {
        let pos = self.src.key_pos("reports", reports);
        if !matches!(reports.value, Value::Map(_)) {
            self.out.push(
                Finding::error(
                    "buildspec/reports",
                    pos,
                    "`reports` must map report group names to their `files` and `file-format`",
                )
                .doc(DOC_REPORTS),
            );
            return;
        }
        for (group, report) in reports.entries() {
            let pos = self.src.key_pos(group, report);
            match report.get("files") {
                Some(files) => self.path_list("buildspec/reports", "files", files, DOC_REPORTS),
                None => self.out.push(
                    Finding::error(
                        "buildspec/reports",
                        pos,
                        format!("report group `{group}` needs a `files` list of result files"),
                    )
                    .doc(DOC_REPORTS),
                ),
            }
            if let Some(format) = report.get("file-format") {
                let text = format.as_str().unwrap_or("");
                if !REPORT_FORMATS.iter().any(|f| f.eq_ignore_ascii_case(text)) {
                    let pos = self.src.key_pos("file-format", format);
                    self.out.push(
                        Finding::error(
                            "buildspec/report-format",
                            pos,
                            format!(
                                "`{}` is not a report format CodeBuild reads; use one of {}.{}",
                                format.as_scalar_string().unwrap_or_default(),
                                one_of(&REPORT_FORMATS),
                                did_you_mean(text, &REPORT_FORMATS)
                            ),
                        )
                        .doc(DOC_REPORTS),
                    );
                }
            }
        }
    }

    /// A list of path strings (`artifacts.files`, `cache.paths`, `reports.*.files`).
    fn path_list(&mut self, rule: &str, key: &str, list: &Node, doc: &str) {
        let ok = matches!(list.value, Value::Seq(_))
            && !list.items().is_empty()
            && list.items().iter().all(|i| i.as_str().is_some());
        if !ok {
            let pos = self.src.key_pos(key, list);
            self.out.push(
                Finding::error(
                    rule,
                    pos,
                    format!(
                        "`{key}` must be a list of paths, such as `- 'dist/**/*'` (quote globs)"
                    ),
                )
                .doc(doc),
            );
        }
    }
}
