//! ECS task definition rules (`ecs/*`), for the JSON (or YAML) given to
//! `aws ecs register-task-definition --cli-input-json`.

use super::support::{Source, did_you_mean, looks_secret, one_of};
use super::{Finding, Kind, ParseFailure, guess_kind, wrong_kind};
use crate::doc::{Node, Pos, Value};
use std::collections::HashSet;

mod size;

const DOC: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html";
const DOC_LOGS: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html";
const DOC_SECRETS: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html";

const KNOWN_KEYS: [&str; 18] = [
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "containerDefinitions",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "tags",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
    "enableFaultInjection",
];
/// Fields `describe-task-definition` prints but `register-task-definition` refuses.
const READ_ONLY_KEYS: [&str; 8] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
];
const NETWORK_MODES: [&str; 4] = ["awsvpc", "bridge", "host", "none"];
const COMPATIBILITIES: [&str; 4] = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];

struct Lint<'a> {
    src: Source<'a>,
    out: Vec<Finding>,
    fargate: bool,
}

/// What the containers need from the task, gathered while checking them.
#[derive(Default)]
struct Needs {
    /// Why an execution role is needed on any launch type (secrets, registry auth).
    role_always: Option<String>,
    /// Why an execution role is needed on Fargate (ECR image, awslogs).
    role_fargate: Option<String>,
    any_essential: bool,
    container_memory_missing: Vec<Pos>,
}

/// Lints a loaded task definition.
pub(super) fn lint(root: &Node, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    // `describe-task-definition` output wraps the definition in `taskDefinition`.
    let task = root
        .get("taskDefinition")
        .filter(|t| t.get("containerDefinitions").is_some())
        .unwrap_or(root);
    let looks_right = task.get("containerDefinitions").is_some() || task.get("family").is_some();
    if !looks_right || guess_kind(task).is_some_and(|k| k != Kind::EcsTaskDefinition) {
        return Err(wrong_kind(
            root,
            Kind::EcsTaskDefinition,
            "`containerDefinitions`",
        ));
    }
    let compat: Vec<&str> = task
        .get("requiresCompatibilities")
        .map(|c| c.items().iter().filter_map(Node::as_str).collect())
        .unwrap_or_default();
    let mut l = Lint {
        src: Source::new(src),
        out: Vec::new(),
        fargate: compat.contains(&"FARGATE"),
    };
    l.top_level(task);
    let network = task
        .get("networkMode")
        .and_then(Node::as_str)
        .unwrap_or("bridge");
    let needs = l.containers(task, network);
    l.task_size(task, &needs);
    l.execution_role(task, &needs);
    Ok(l.out)
}

impl Lint<'_> {
    fn error(&mut self, rule: &str, pos: Pos, message: impl Into<String>, doc: &str) {
        self.out.push(Finding::error(rule, pos, message).doc(doc));
    }

    fn warning(&mut self, rule: &str, pos: Pos, message: impl Into<String>, doc: &str) {
        self.out.push(Finding::warning(rule, pos, message).doc(doc));
    }

    fn top_level(&mut self, task: &Node) {
        for (key, value) in task.entries() {
            let pos = self.src.key_pos(key, value);
            if READ_ONLY_KEYS.contains(&key.as_str()) {
                self.warning(
                    "ecs/unknown-key",
                    pos,
                    format!(
                        "`{key}` is filled in by ECS; remove it before registering this definition"
                    ),
                    DOC,
                );
            } else if !KNOWN_KEYS.contains(&key.as_str()) {
                self.warning(
                    "ecs/unknown-key",
                    pos,
                    format!(
                        "`{key}` is not a task definition parameter.{}",
                        did_you_mean(key, &KNOWN_KEYS)
                    ),
                    DOC,
                );
            }
        }
        match task.get("family") {
            None => self.error(
                "ecs/family",
                task.pos,
                "a task definition needs a `family`: its name, shared by all its revisions",
                DOC,
            ),
            Some(f) if !f.as_str().is_some_and(valid_name) => {
                let pos = self.src.key_pos("family", f);
                self.error(
                    "ecs/family",
                    pos,
                    "`family` may use only letters, digits, hyphens and underscores (at most 255)",
                    DOC,
                );
            }
            Some(_) => {}
        }
        if let Some(c) = task.get("requiresCompatibilities") {
            let ok = matches!(c.value, Value::Seq(_))
                && c.items()
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| COMPATIBILITIES.contains(&s)));
            if !ok {
                let pos = self.src.key_pos("requiresCompatibilities", c);
                self.error(
                    "ecs/requires-compatibilities",
                    pos,
                    format!(
                        "`requiresCompatibilities` must be a list of {}, such as [\"FARGATE\"]",
                        one_of(&COMPATIBILITIES)
                    ),
                    DOC,
                );
            }
        }
        match task.get("networkMode") {
            Some(mode) if !mode.as_str().is_some_and(|m| NETWORK_MODES.contains(&m)) => {
                let pos = self.src.key_pos("networkMode", mode);
                self.error(
                    "ecs/network-mode",
                    pos,
                    format!("`networkMode` must be {}", one_of(&NETWORK_MODES)),
                    DOC,
                );
            }
            Some(mode) if self.fargate && mode.as_str() != Some("awsvpc") => {
                let pos = self.src.key_pos("networkMode", mode);
                self.error(
                    "ecs/network-mode",
                    pos,
                    "Fargate tasks need `\"networkMode\": \"awsvpc\"`",
                    DOC,
                );
            }
            None if self.fargate => self.error(
                "ecs/network-mode",
                task.pos,
                "Fargate tasks need `\"networkMode\": \"awsvpc\"`",
                DOC,
            ),
            _ => {}
        }
    }

    fn containers(&mut self, task: &Node, network: &str) -> Needs {
        let mut needs = Needs::default();
        let Some(list) = task.get("containerDefinitions") else {
            self.error(
                "ecs/container-definitions",
                task.pos,
                "a task definition needs `containerDefinitions` with at least one container",
                DOC,
            );
            return needs;
        };
        let pos = self.src.key_pos("containerDefinitions", list);
        if !matches!(list.value, Value::Seq(_)) || list.items().is_empty() {
            self.error(
                "ecs/container-definitions",
                pos,
                "`containerDefinitions` must be a list with at least one container",
                DOC,
            );
            return needs;
        }
        let mut names = HashSet::new();
        for container in list.items() {
            if !matches!(container.value, Value::Map(_)) {
                self.error(
                    "ecs/container-definitions",
                    container.pos,
                    "each container must be a mapping",
                    DOC,
                );
                continue;
            }
            self.container(container, network, &mut names, &mut needs);
        }
        if !needs.any_essential {
            self.error(
                "ecs/essential",
                pos,
                "no container is essential: at least one must be (leave out `essential` or set it to true)",
                DOC,
            );
        }
        needs
    }

    fn container(
        &mut self,
        c: &Node,
        network: &str,
        names: &mut HashSet<String>,
        needs: &mut Needs,
    ) {
        let name = c.get("name").and_then(Node::as_str);
        match name {
            None => self.error(
                "ecs/container-name",
                c.pos,
                "this container needs a `name`",
                DOC,
            ),
            Some(n) if !valid_name(n) => {
                let pos = self.src.entry_pos(c, "name");
                self.error(
                    "ecs/container-name",
                    pos,
                    "a container name may use only letters, digits, hyphens and underscores",
                    DOC,
                );
            }
            Some(n) if !names.insert(n.to_owned()) => {
                let pos = self.src.entry_pos(c, "name");
                self.error(
                    "ecs/container-name",
                    pos,
                    format!("two containers are named `{n}`"),
                    DOC,
                );
            }
            Some(_) => {}
        }
        let label = name
            .map(|n| format!("container `{n}`"))
            .unwrap_or_else(|| "this container".into());
        match c.get("image").and_then(Node::as_str) {
            None => self.error(
                "ecs/container-image",
                c.pos,
                format!("{label} needs an `image`"),
                DOC,
            ),
            Some(image) => self.image(c, image, &label, needs),
        }
        match c.get("essential").map(|e| &e.value) {
            None | Some(Value::Bool(true)) => needs.any_essential = true,
            Some(Value::Bool(false)) => {}
            Some(_) => {
                // Counted as essential, so one mistake gives one finding.
                needs.any_essential = true;
                let pos = self.src.entry_pos(c, "essential");
                self.error(
                    "ecs/essential",
                    pos,
                    "`essential` must be true or false, without quotes",
                    DOC,
                );
            }
        }
        if let Some(ports) = c.get("portMappings") {
            self.ports(ports, network);
        }
        self.logging(c, &label, needs);
        self.environment(c, &label, needs);
        if c.get("memory").is_none() && c.get("memoryReservation").is_none() {
            needs.container_memory_missing.push(c.pos);
        }
        if c.get("repositoryCredentials").is_some() {
            needs
                .role_always
                .get_or_insert_with(|| format!("{label} uses private registry credentials"));
        }
    }

    fn image(&mut self, c: &Node, image: &str, label: &str, needs: &mut Needs) {
        // Placeholders filled in by a pipeline (`<IMAGE1_NAME>`, `${IMAGE}`) are fine.
        if image.contains('<') || image.contains('$') || image.contains("{{") {
            return;
        }
        let host = image.split('/').next().unwrap_or("");
        if image.contains('/') && host.contains(".dkr.ecr.") && host.contains(".amazonaws.com") {
            needs
                .role_fargate
                .get_or_insert_with(|| format!("{label} pulls its image from Amazon ECR"));
        }
        let last = image.rsplit('/').next().unwrap_or(image);
        let problem = if image.contains('@') {
            None
        } else {
            match last.split_once(':') {
                None => Some("has no tag, so it means `latest`"),
                Some((_, "latest")) => Some("uses the `latest` tag"),
                Some(_) => None,
            }
        };
        if let Some(problem) = problem {
            let pos = self.src.entry_pos(c, "image");
            self.warning(
                "ecs/image-tag",
                pos,
                format!(
                    "the image `{image}` {problem}: deployments are not repeatable and a rollback \
                     may run new code; pin a version tag or a digest"
                ),
                DOC,
            );
        }
    }

    fn ports(&mut self, ports: &Node, network: &str) {
        for mapping in ports.items() {
            let container_port = mapping.get("containerPort");
            let port = container_port.and_then(|p| match p.value {
                Value::Int(i) if (1..=65535).contains(&i) => Some(i),
                _ => None,
            });
            if port.is_none() {
                let pos =
                    container_port.map_or(mapping.pos, |p| self.src.key_pos("containerPort", p));
                let hint = if container_port.and_then(Node::as_str).is_some() {
                    ", without quotes"
                } else {
                    ""
                };
                self.error(
                    "ecs/port-mapping",
                    pos,
                    format!("`containerPort` must be a port number (1-65535){hint}"),
                    DOC,
                );
            }
            if let Some(host) = mapping.get("hostPort") {
                let host_port = match host.value {
                    Value::Int(i) => Some(i),
                    _ => None,
                };
                let pos = self.src.key_pos("hostPort", host);
                if host_port.is_none() {
                    self.error(
                        "ecs/port-mapping",
                        pos,
                        "`hostPort` must be a number, without quotes",
                        DOC,
                    );
                } else if network == "awsvpc" && port.is_some() && host_port != port {
                    self.error(
                        "ecs/port-mapping",
                        pos,
                        "with `awsvpc` networking `hostPort` must equal `containerPort` (or be left out)",
                        DOC,
                    );
                }
            }
            if let Some(protocol) = mapping.get("protocol")
                && !matches!(protocol.as_str(), Some("tcp" | "udp"))
            {
                let pos = self.src.key_pos("protocol", protocol);
                self.error(
                    "ecs/port-mapping",
                    pos,
                    "`protocol` must be `tcp` or `udp`",
                    DOC,
                );
            }
        }
    }

    fn logging(&mut self, c: &Node, label: &str, needs: &mut Needs) {
        let Some(log) = c.get("logConfiguration") else {
            self.warning(
                "ecs/log-configuration",
                c.pos,
                format!(
                    "{label} has no `logConfiguration`: its output goes nowhere you can read; \
                     send it to CloudWatch Logs with the `awslogs` driver"
                ),
                DOC_LOGS,
            );
            return;
        };
        let driver = log.get("logDriver").and_then(Node::as_str);
        if driver.is_none() {
            let pos = self.src.key_pos("logConfiguration", log);
            self.error(
                "ecs/log-configuration",
                pos,
                "`logConfiguration` needs a `logDriver`, such as `awslogs`",
                DOC_LOGS,
            );
        }
        if driver != Some("awslogs") {
            return;
        }
        needs
            .role_fargate
            .get_or_insert_with(|| format!("{label} sends logs with `awslogs`"));
        let options = log.get("options");
        let mut required = vec!["awslogs-group", "awslogs-region"];
        if self.fargate {
            required.push("awslogs-stream-prefix");
        }
        let missing: Vec<&str> = required
            .into_iter()
            .filter(|k| {
                options
                    .and_then(|o| o.get(k))
                    .and_then(Node::as_str)
                    .is_none()
            })
            .collect();
        if !missing.is_empty() {
            let pos = options.map_or_else(
                || self.src.key_pos("logConfiguration", log),
                |o| self.src.key_pos("options", o),
            );
            let fargate_note = if missing.contains(&"awslogs-stream-prefix") {
                " (Fargate requires the stream prefix)"
            } else {
                ""
            };
            self.error(
                "ecs/log-configuration",
                pos,
                format!(
                    "the awslogs `options` need {}{fargate_note}",
                    one_of(&missing)
                ),
                DOC_LOGS,
            );
        }
    }

    fn environment(&mut self, c: &Node, label: &str, needs: &mut Needs) {
        for var in c.get("environment").map(Node::items).unwrap_or_default() {
            let name = var.get("name").and_then(Node::as_str).unwrap_or("");
            let Some(value) = var.get("value") else {
                continue;
            };
            let pos = self.src.key_pos("value", value);
            match value.as_str() {
                None => self.error(
                    "ecs/environment",
                    pos,
                    format!("the value of `{name}` must be a string; put it in quotes"),
                    DOC,
                ),
                Some(text) if looks_secret(name, text) => self.error(
                    "ecs/plaintext-secret",
                    pos,
                    format!(
                        "`{name}` looks like a secret in plain text, readable by anyone who can \
                         describe the task; move it to `secrets` with a `valueFrom` Secrets \
                         Manager or Parameter Store ARN"
                    ),
                    DOC_SECRETS,
                ),
                Some(_) => {}
            }
        }
        for secret in c.get("secrets").map(Node::items).unwrap_or_default() {
            let complete = secret.get("name").and_then(Node::as_str).is_some()
                && secret.get("valueFrom").and_then(Node::as_str).is_some();
            if !complete {
                self.error(
                    "ecs/secrets",
                    secret.pos,
                    "each secret needs a `name` and a `valueFrom` (the secret or parameter ARN)",
                    DOC_SECRETS,
                );
            }
        }
        if c.get("secrets").is_some_and(|s| !s.items().is_empty()) {
            // The agent reads the secrets with the execution role, on every launch type.
            needs
                .role_always
                .get_or_insert_with(|| format!("{label} reads `secrets`"));
        }
    }
}

fn valid_name(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
