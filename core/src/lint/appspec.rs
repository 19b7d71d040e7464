//! CodeDeploy AppSpec rules (`appspec/*`) for its three forms: Amazon ECS,
//! EC2/On-Premises and AWS Lambda, told apart by content.

use super::support::{Source, did_you_mean, get_ci, one_of};
use super::{Finding, Kind, ParseFailure, guess_kind, wrong_kind};
use crate::doc::{Node, Pos, Value};

mod server;

const DOC: &str =
    "https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file.html";
const DOC_STRUCTURE: &str =
    "https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure.html";
const DOC_RESOURCES: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html";
const DOC_HOOKS: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html";

const ECS_HOOKS: [&str; 5] = [
    "BeforeInstall",
    "AfterInstall",
    "AfterAllowTestTraffic",
    "BeforeAllowTraffic",
    "AfterAllowTraffic",
];
const LAMBDA_HOOKS: [&str; 2] = ["BeforeAllowTraffic", "AfterAllowTraffic"];
const SERVER_HOOKS: [&str; 9] = [
    "ApplicationStop",
    "BeforeInstall",
    "AfterInstall",
    "ApplicationStart",
    "ValidateService",
    "BeforeBlockTraffic",
    "AfterBlockTraffic",
    "BeforeAllowTraffic",
    "AfterAllowTraffic",
];
/// Lifecycle events the CodeDeploy agent runs itself; no script may hook them.
const RESERVED_EVENTS: [&str; 4] = ["DownloadBundle", "Install", "BlockTraffic", "AllowTraffic"];
const SERVER_KEYS: [&str; 6] = [
    "version",
    "os",
    "files",
    "permissions",
    "hooks",
    "file_exists_behavior",
];
const SCRIPT_KEYS: [&str; 3] = ["location", "timeout", "runas"];
/// Longest a lifecycle event's scripts may run, together, in seconds.
const MAX_EVENT_SECONDS: i64 = 3600;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Platform {
    Ecs,
    Lambda,
    Server,
}

impl Platform {
    fn name(self) -> &'static str {
        match self {
            Platform::Ecs => "an Amazon ECS",
            Platform::Lambda => "an AWS Lambda",
            Platform::Server => "an EC2/On-Premises",
        }
    }
}

struct Lint<'a> {
    src: Source<'a>,
    out: Vec<Finding>,
}

/// Lints a loaded AppSpec file.
pub(super) fn lint(root: &Node, src: &str) -> Result<Vec<Finding>, ParseFailure> {
    let resources = get_ci(root, "resources");
    let hooks = get_ci(root, "hooks");
    let looks_right =
        resources.is_some() || root.get("os").is_some() || root.get("files").is_some();
    if guess_kind(root).is_some_and(|k| k != Kind::Appspec) || (!looks_right && hooks.is_none()) {
        return Err(wrong_kind(
            root,
            Kind::Appspec,
            "`Resources`, `os`, `files` or `hooks`",
        ));
    }
    let mut l = Lint {
        src: Source::new(src),
        out: Vec::new(),
    };
    l.version(root);
    let platform = match resources {
        Some(resources) => l.resources(resources),
        None => Platform::Server,
    };
    if platform == Platform::Server {
        l.server(root);
    } else {
        for (key, value) in root.entries() {
            let known = ["version", "resources", "hooks"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(key));
            if !known {
                let pos = l.src.key_pos(key, value);
                l.out.push(
                    Finding::error(
                        "appspec/unknown-key",
                        pos,
                        format!(
                            "`{key}` does not belong in {} AppSpec file, which has only `version`, \
                             `Resources` and `Hooks`",
                            platform.name()
                        ),
                    )
                    .doc(DOC_STRUCTURE),
                );
            }
        }
    }
    if let Some(hooks) = hooks {
        match platform {
            Platform::Server => l.server_hooks(hooks),
            Platform::Ecs => l.function_hooks(hooks, &ECS_HOOKS, platform),
            Platform::Lambda => l.function_hooks(hooks, &LAMBDA_HOOKS, platform),
        }
    }
    Ok(l.out)
}

impl Lint<'_> {
    fn push(&mut self, rule: &str, pos: Pos, message: impl Into<String>, doc: &str) {
        self.out.push(Finding::error(rule, pos, message).doc(doc));
    }

    fn version(&mut self, root: &Node) {
        let Some(v) = get_ci(root, "version") else {
            self.push(
                "appspec/version",
                root.pos,
                "an AppSpec file needs `version: 0.0`",
                DOC,
            );
            return;
        };
        let ok = match &v.value {
            Value::Float(f) => *f == 0.0,
            Value::Str(s) => s == "0.0",
            _ => false,
        };
        if !ok {
            let pos = self.src.key_pos("version", v);
            self.push(
                "appspec/version",
                pos,
                format!(
                    "`version` must be 0.0 (the only AppSpec version), not `{}`",
                    v.as_scalar_string()
                        .unwrap_or_else(|| v.type_name().to_owned())
                ),
                DOC,
            );
        }
    }

    /// Checks `Resources` and returns the platform its resource types say.
    fn resources(&mut self, resources: &Node) -> Platform {
        let pos = self.src.key_pos("Resources", resources);
        let Value::Seq(items) = &resources.value else {
            self.push(
                "appspec/resources",
                pos,
                "`Resources` must be a list: `- TargetService:` (ECS) or `- myFunction:` (Lambda)",
                DOC_RESOURCES,
            );
            return Platform::Ecs;
        };
        if items.is_empty() {
            self.push(
                "appspec/resources",
                pos,
                "`Resources` is empty",
                DOC_RESOURCES,
            );
        }
        let mut platform = None;
        for item in items {
            let [(name, resource)] = item.entries() else {
                self.push(
                    "appspec/resources",
                    item.pos,
                    "each resource must be one named entry, such as `- TargetService:`",
                    DOC_RESOURCES,
                );
                continue;
            };
            let pos = self.src.key_pos(name, resource);
            let kind = get_ci(resource, "type").and_then(Node::as_str);
            let this = match kind {
                Some("AWS::ECS::Service") => Platform::Ecs,
                Some("AWS::Lambda::Function") => Platform::Lambda,
                other => {
                    let found = other.map(|t| format!(", not `{t}`")).unwrap_or_default();
                    self.push(
                        "appspec/resource-type",
                        pos,
                        format!(
                            "resource `{name}` needs `Type: AWS::ECS::Service` or \
                             `Type: AWS::Lambda::Function`{found}"
                        ),
                        DOC_RESOURCES,
                    );
                    continue;
                }
            };
            if platform.is_some_and(|p| p != this) {
                self.push(
                    "appspec/resource-type",
                    pos,
                    "one AppSpec file cannot deploy both an ECS service and a Lambda function",
                    DOC_RESOURCES,
                );
            }
            platform.get_or_insert(this);
            let Some(props) =
                get_ci(resource, "properties").filter(|p| matches!(p.value, Value::Map(_)))
            else {
                self.push(
                    "appspec/resources",
                    pos,
                    format!("resource `{name}` needs a `Properties` mapping"),
                    DOC_RESOURCES,
                );
                continue;
            };
            match this {
                Platform::Ecs => self.ecs_properties(props),
                _ => self.lambda_properties(props),
            }
        }
        platform.unwrap_or(Platform::Ecs)
    }

    fn ecs_properties(&mut self, props: &Node) {
        match get_ci(props, "TaskDefinition").and_then(Node::as_str) {
            None => self.push(
                "appspec/ecs-properties",
                props.pos,
                "`Properties` needs `TaskDefinition`: the task definition ARN, or \
                 `<TASK_DEFINITION>` when CodePipeline fills it in",
                DOC_RESOURCES,
            ),
            Some(arn) => {
                let ok = arn.contains("<TASK_DEFINITION>")
                    || (arn.starts_with("arn:aws") && arn.contains(":task-definition/"));
                if !ok {
                    let pos = self.src.entry_pos(props, "TaskDefinition");
                    self.push(
                        "appspec/ecs-properties",
                        pos,
                        "`TaskDefinition` must be a task definition ARN \
                         (arn:aws:ecs:region:account:task-definition/family:revision) or `<TASK_DEFINITION>`",
                        DOC_RESOURCES,
                    );
                }
            }
        }
        let Some(lb) = get_ci(props, "LoadBalancerInfo") else {
            self.push(
                "appspec/ecs-properties",
                props.pos,
                "`Properties` needs `LoadBalancerInfo` with `ContainerName` and `ContainerPort`",
                DOC_RESOURCES,
            );
            return;
        };
        if get_ci(lb, "ContainerName").and_then(Node::as_str).is_none() {
            self.push(
                "appspec/ecs-properties",
                lb.pos,
                "`LoadBalancerInfo` needs `ContainerName`: the container (from the task \
                 definition) that receives traffic",
                DOC_RESOURCES,
            );
        }
        match get_ci(lb, "ContainerPort") {
            None => self.push(
                "appspec/container-port",
                lb.pos,
                "`LoadBalancerInfo` needs `ContainerPort`: the port traffic goes to",
                DOC_RESOURCES,
            ),
            Some(port) => {
                let ok = matches!(port.value, Value::Int(p) if (1..=65535).contains(&p));
                if !ok {
                    let pos = self.src.key_pos("ContainerPort", port);
                    let hint = if port.as_str().is_some() {
                        ", without quotes"
                    } else {
                        ""
                    };
                    self.push(
                        "appspec/container-port",
                        pos,
                        format!("`ContainerPort` must be a port number (1-65535){hint}"),
                        DOC_RESOURCES,
                    );
                }
            }
        }
        let awsvpc =
            get_ci(props, "NetworkConfiguration").and_then(|n| get_ci(n, "AwsvpcConfiguration"));
        if let Some(vpc) = awsvpc {
            let parts = ["Subnets", "SecurityGroups", "AssignPublicIp"];
            let present: Vec<&str> = parts
                .into_iter()
                .filter(|p| get_ci(vpc, p).is_some())
                .collect();
            if !present.is_empty() && present.len() < parts.len() {
                self.push(
                    "appspec/network-configuration",
                    vpc.pos,
                    "`AwsvpcConfiguration` needs all of `Subnets`, `SecurityGroups` and \
                     `AssignPublicIp`, or none of them",
                    DOC_RESOURCES,
                );
            }
            if let Some(ip) = get_ci(vpc, "AssignPublicIp")
                && !matches!(ip.as_str(), Some("ENABLED" | "DISABLED"))
            {
                let pos = self.src.key_pos("AssignPublicIp", ip);
                self.push(
                    "appspec/network-configuration",
                    pos,
                    "`AssignPublicIp` must be `ENABLED` or `DISABLED`",
                    DOC_RESOURCES,
                );
            }
        }
    }

    fn lambda_properties(&mut self, props: &Node) {
        let required = ["Name", "Alias", "CurrentVersion", "TargetVersion"];
        let missing: Vec<&str> = required
            .into_iter()
            .filter(|k| get_ci(props, k).and_then(Node::as_scalar_string).is_none())
            .collect();
        if !missing.is_empty() {
            self.push(
                "appspec/lambda-properties",
                props.pos,
                format!(
                    "the Lambda function's `Properties` need {}",
                    one_of(&missing)
                ),
                DOC_RESOURCES,
            );
        }
        let current = get_ci(props, "CurrentVersion").and_then(Node::as_scalar_string);
        let target = get_ci(props, "TargetVersion").and_then(Node::as_scalar_string);
        if let (Some(c), Some(t)) = (current, target)
            && c == t
        {
            let pos = self.src.entry_pos(props, "TargetVersion");
            self.out.push(
                Finding::warning(
                    "appspec/lambda-version",
                    pos,
                    format!(
                        "`TargetVersion` equals `CurrentVersion` ({t}): no traffic would shift"
                    ),
                )
                .doc(DOC_RESOURCES),
            );
        }
    }

    /// ECS and Lambda hooks: a list of `- Event: function-name-or-arn`.
    fn function_hooks(&mut self, hooks: &Node, valid: &[&str], platform: Platform) {
        let pos = self.src.key_pos("Hooks", hooks);
        let Value::Seq(items) = &hooks.value else {
            self.push(
                "appspec/hook-shape",
                pos,
                format!(
                    "`Hooks` must be a list, one `- {}: LambdaFunctionName` per line",
                    valid.first().copied().unwrap_or("Event")
                ),
                DOC_HOOKS,
            );
            return;
        };
        for item in items {
            let [(event, function)] = item.entries() else {
                self.push(
                    "appspec/hook-shape",
                    item.pos,
                    "each hook must be one `Event: LambdaFunctionName` pair",
                    DOC_HOOKS,
                );
                continue;
            };
            let pos = self.src.key_pos(event, function);
            if !valid.contains(&event.as_str()) {
                self.push(
                    "appspec/hook-name",
                    pos,
                    format!(
                        "`{event}` is not a hook of {} deployment; use {}.{}",
                        platform.name(),
                        one_of(valid),
                        did_you_mean(event, valid)
                    ),
                    DOC_HOOKS,
                );
            }
            let ok = function
                .as_str()
                .is_some_and(|f| !f.is_empty() && !f.contains(char::is_whitespace));
            if !ok {
                self.push(
                    "appspec/hook-shape",
                    pos,
                    format!("the `{event}` hook must name one Lambda function (its name or ARN)"),
                    DOC_HOOKS,
                );
            }
        }
    }
}
