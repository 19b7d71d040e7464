//! The EC2/On-Premises form: `os`, `files`, `file_exists_behavior` and script hooks.

use super::{
    DOC_HOOKS, DOC_STRUCTURE, Lint, MAX_EVENT_SECONDS, RESERVED_EVENTS, SCRIPT_KEYS, SERVER_HOOKS,
    SERVER_KEYS,
};
use crate::doc::{Node, Value};
use crate::lint::support::{did_you_mean, one_of, whole};

const DOC_FILES: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-files.html";

impl Lint<'_> {
    /// The EC2/On-Premises top level: `os`, `files`, `file_exists_behavior`, unknown keys.
    pub(super) fn server(&mut self, root: &Node) {
        for (key, value) in root.entries() {
            if !SERVER_KEYS.contains(&key.as_str()) {
                let pos = self.src.key_pos(key, value);
                let hint = if key == "Hooks" {
                    " EC2/On-Premises hooks are written `hooks:` in lower case.".to_owned()
                } else {
                    did_you_mean(key, &SERVER_KEYS)
                };
                self.push(
                    "appspec/unknown-key",
                    pos,
                    format!(
                        "`{key}` is not a section of an EC2/On-Premises AppSpec file; use {}.{hint}",
                        one_of(&SERVER_KEYS)
                    ),
                    DOC_STRUCTURE,
                );
            }
        }
        match root.get("os") {
            None => self.push(
                "appspec/os",
                root.pos,
                "an EC2/On-Premises AppSpec file needs `os: linux` or `os: windows`",
                DOC_STRUCTURE,
            ),
            Some(os) if !matches!(os.as_str(), Some("linux" | "windows")) => {
                let pos = self.src.key_pos("os", os);
                self.push(
                    "appspec/os",
                    pos,
                    "`os` must be `linux` or `windows`",
                    DOC_STRUCTURE,
                );
            }
            Some(_) => {}
        }
        if let Some(files) = root.get("files") {
            self.files(files);
        }
        if let Some(b) = root.get("file_exists_behavior")
            && !matches!(b.as_str(), Some("DISALLOW" | "OVERWRITE" | "RETAIN"))
        {
            let pos = self.src.key_pos("file_exists_behavior", b);
            self.push(
                "appspec/files",
                pos,
                "`file_exists_behavior` must be `DISALLOW`, `OVERWRITE` or `RETAIN`",
                DOC_FILES,
            );
        }
    }

    fn files(&mut self, files: &Node) {
        let Value::Seq(items) = &files.value else {
            let pos = self.src.key_pos("files", files);
            self.push(
                "appspec/files",
                pos,
                "`files` must be a list of `- source: ...` / `destination: ...` entries",
                DOC_FILES,
            );
            return;
        };
        for item in items {
            let missing: Vec<&str> = ["source", "destination"]
                .into_iter()
                .filter(|k| item.get(k).and_then(Node::as_str).is_none())
                .collect();
            if !missing.is_empty() {
                self.push(
                    "appspec/files",
                    item.pos,
                    format!("this `files` entry needs {}", one_of(&missing)),
                    DOC_FILES,
                );
            }
        }
    }

    /// EC2/On-Premises hooks: events mapping to lists of `location`/`timeout`/`runas`.
    pub(super) fn server_hooks(&mut self, hooks: &Node) {
        let pos = self.src.key_pos("hooks", hooks);
        if !matches!(hooks.value, Value::Map(_)) {
            self.push(
                "appspec/hook-shape",
                pos,
                "`hooks` must map lifecycle events (such as `ApplicationStart:`) to lists of scripts",
                DOC_HOOKS,
            );
            return;
        }
        for (event, scripts) in hooks.entries() {
            let pos = self.src.key_pos(event, scripts);
            if RESERVED_EVENTS.contains(&event.as_str()) {
                self.push(
                    "appspec/hook-name",
                    pos,
                    format!(
                        "`{event}` is run by the CodeDeploy agent itself and cannot run scripts"
                    ),
                    DOC_HOOKS,
                );
                continue;
            }
            if !SERVER_HOOKS.contains(&event.as_str()) {
                self.push(
                    "appspec/hook-name",
                    pos,
                    format!(
                        "`{event}` is not an EC2/On-Premises lifecycle event; use {}.{}",
                        one_of(&SERVER_HOOKS),
                        did_you_mean(event, &SERVER_HOOKS)
                    ),
                    DOC_HOOKS,
                );
                continue;
            }
            let Value::Seq(list) = &scripts.value else {
                self.push(
                    "appspec/hook-shape",
                    pos,
                    format!(
                        "`{event}` must be a list of scripts: `- location: scripts/{event}.sh`"
                    ),
                    DOC_HOOKS,
                );
                continue;
            };
            let mut total = 0i64;
            for script in list {
                total += self.script(script);
            }
            if total > MAX_EVENT_SECONDS {
                self.push(
                    "appspec/hook-timeout",
                    pos,
                    format!(
                        "the `{event}` scripts' timeouts add up to {total} seconds; one lifecycle \
                         event may take at most {MAX_EVENT_SECONDS}"
                    ),
                    DOC_HOOKS,
                );
            }
        }
    }

    /// Checks one hook script and returns its stated timeout (0 when absent: the limit
    /// is on the timeouts a learner writes down).
    fn script(&mut self, script: &Node) -> i64 {
        if !matches!(script.value, Value::Map(_)) {
            self.push(
                "appspec/hook-shape",
                script.pos,
                "each script must be a mapping with `location` (and optional `timeout`, `runas`)",
                DOC_HOOKS,
            );
            return 0;
        }
        for (key, value) in script.entries() {
            if !SCRIPT_KEYS.contains(&key.as_str()) {
                let pos = self.src.key_pos(key, value);
                self.push(
                    "appspec/hook-shape",
                    pos,
                    format!(
                        "`{key}` is not a script setting; use {}.{}",
                        one_of(&SCRIPT_KEYS),
                        did_you_mean(key, &SCRIPT_KEYS)
                    ),
                    DOC_HOOKS,
                );
            }
        }
        if script.get("location").and_then(Node::as_str).is_none() {
            self.push(
                "appspec/hook-shape",
                script.pos,
                "this script needs `location`: its path inside the revision bundle",
                DOC_HOOKS,
            );
        }
        let Some(timeout) = script.get("timeout") else {
            return 0;
        };
        match whole(timeout) {
            Some(t) if (1..=MAX_EVENT_SECONDS).contains(&t) => t,
            _ => {
                let pos = self.src.key_pos("timeout", timeout);
                self.push(
                    "appspec/hook-timeout",
                    pos,
                    format!("`timeout` must be a number of seconds from 1 to {MAX_EVENT_SECONDS}"),
                    DOC_HOOKS,
                );
                0
            }
        }
    }
}
