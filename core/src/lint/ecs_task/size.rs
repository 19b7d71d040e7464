//! Task size rules: Fargate `cpu`/`memory` combinations, container memory on EC2,
//! and when an execution role is needed.

use super::{DOC, Lint, Needs};
use crate::doc::{Node, Value};
use crate::lint::support::number;

const DOC_SIZE: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html";
const DOC_ROLE: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html";

impl Lint<'_> {
    pub(super) fn task_size(&mut self, task: &Node, needs: &Needs) {
        let cpu_node = task.get("cpu");
        let memory_node = task.get("memory");
        let cpu_units = cpu_node.map(|c| (c, parse_size(c, "vcpu")));
        let memory_mib = memory_node.map(|m| (m, parse_size(m, "gb")));
        for (key, parsed) in [("cpu", cpu_units), ("memory", memory_mib)] {
            if let Some((node, None)) = parsed {
                let pos = self.src.key_pos(key, node);
                let example = if key == "cpu" {
                    "\"256\" or \"1 vCPU\""
                } else {
                    "\"512\" or \"2 GB\""
                };
                self.error(
                    "ecs/task-size",
                    pos,
                    format!("`{key}` must be a size such as {example}"),
                    DOC_SIZE,
                );
            }
        }
        if !self.fargate {
            if memory_node.is_none() {
                for pos in &needs.container_memory_missing {
                    self.error(
                        "ecs/container-memory",
                        *pos,
                        "with no task-level `memory`, each container needs `memory` or `memoryReservation`",
                        DOC,
                    );
                }
            }
            return;
        }
        let (Some((cpu_at, Some(cpu))), Some((memory_at, Some(memory)))) = (cpu_units, memory_mib)
        else {
            if cpu_node.is_none() || memory_node.is_none() {
                self.error(
                    "ecs/task-size",
                    task.pos,
                    "Fargate tasks need task-level `cpu` and `memory`, such as \"cpu\": \"256\", \"memory\": \"512\"",
                    DOC_SIZE,
                );
            }
            return;
        };
        match fargate_memory(cpu) {
            None => {
                let pos = self.src.key_pos("cpu", cpu_at);
                self.error(
                    "ecs/task-size",
                    pos,
                    format!("Fargate has no `cpu` of {cpu}; use 256, 512, 1024, 2048, 4096, 8192 or 16384"),
                    DOC_SIZE,
                );
            }
            Some((low, high, step)) => {
                let ok = if cpu == 256 {
                    [512, 1024, 2048].contains(&memory)
                } else {
                    (low..=high).contains(&memory) && (memory - low) % step == 0
                };
                if !ok {
                    let pos = self.src.key_pos("memory", memory_at);
                    let allowed = if cpu == 256 {
                        "512, 1024 or 2048".to_owned()
                    } else {
                        format!("{low} to {high} in steps of {step}")
                    };
                    self.error(
                        "ecs/task-size",
                        pos,
                        format!(
                            "on Fargate, `cpu` {cpu} allows `memory` of {allowed} MiB, not {memory}"
                        ),
                        DOC_SIZE,
                    );
                }
            }
        }
    }

    pub(super) fn execution_role(&mut self, task: &Node, needs: &Needs) {
        if task
            .get("executionRoleArn")
            .and_then(Node::as_str)
            .is_some()
        {
            return;
        }
        let reason = needs
            .role_always
            .clone()
            .or_else(|| needs.role_fargate.clone().filter(|_| self.fargate));
        if let Some(reason) = reason {
            self.error(
                "ecs/execution-role",
                task.pos,
                format!(
                    "an `executionRoleArn` is needed because {reason}: the ECS agent uses that \
                     role to do it"
                ),
                DOC_ROLE,
            );
        }
    }
}

/// A task `cpu` in CPU units or `memory` in MiB, from a number, a numeric string, or a
/// string with a unit (`"1 vCPU"`, `"0.25 vcpu"`, `"2 GB"`, `"512 MiB"`).
fn parse_size(node: &Node, big_unit: &str) -> Option<u32> {
    let value = match &node.value {
        Value::Str(s) => {
            let lower = s.trim().to_ascii_lowercase();
            let (digits, factor) = if let Some(n) = lower.strip_suffix(big_unit) {
                (n, 1024.0)
            } else if let Some(n) = lower
                .strip_suffix("mib")
                .or_else(|| lower.strip_suffix("mb"))
            {
                (n, 1.0)
            } else {
                (lower.as_str(), 1.0)
            };
            digits.trim().parse::<f64>().ok()? * factor
        }
        _ => number(node)?,
    };
    (value > 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX)).then_some(value as u32)
}

/// The Fargate memory range (low, high, step) in MiB for a task `cpu`.
fn fargate_memory(cpu: u32) -> Option<(u32, u32, u32)> {
    Some(match cpu {
        256 => (512, 2048, 512),
        512 => (1024, 4096, 1024),
        1024 => (2048, 8192, 1024),
        2048 => (4096, 16384, 1024),
        4096 => (8192, 30720, 1024),
        8192 => (16384, 61440, 4096),
        16384 => (32768, 122880, 8192),
        _ => return None,
    })
}
