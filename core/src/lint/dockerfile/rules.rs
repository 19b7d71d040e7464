//! Rules about the image as it ships: base images, user, ADD, commands, ports, health
//! checks, secrets and stage references.

use super::parse::{Dockerfile, Instruction, Stage, assignments, words};
use super::{Vars, apply, docs, expand, global_vars, lineage};
use crate::lint::Finding;

/// Runs every rule of this module.
pub(super) fn check(file: &Dockerfile, out: &mut Vec<Finding>) {
    let globals = global_vars(file);
    for (index, stage) in file.stages.iter().enumerate() {
        base_image(file, index, stage, &globals, out);
        let mut vars = globals.clone();
        for inst in &stage.body {
            apply(inst, &globals, &mut vars);
            match inst.keyword.as_str() {
                "ADD" => add(inst, out),
                "COPY" => copy_from(file, index, inst, out),
                "WORKDIR" => workdir(inst, &vars, out),
                "EXPOSE" => expose_valid(inst, &vars, out),
                "ENV" | "ARG" => secrets(inst, out),
                _ => {}
            }
        }
    }
    let Some(last) = file.stages.len().checked_sub(1) else {
        return;
    };
    let chain = lineage(file, last);
    user(&chain, out);
    healthcheck(&chain, out);
    commands(&file.stages[last], out);
    port(&chain, &globals, out);
}

/// `(name, tag, digest)` of an image reference such as
/// `registry:5000/team/app:1.2@sha256:...`.
pub(super) fn image_parts(image: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[slash..].rfind(':') {
        Some(i) => (&rest[..slash + i], Some(&rest[slash + i + 1..]), digest),
        None => (rest, None, digest),
    }
}

/// Why `image` is not pinned, or `None` when it is.
fn unpinned(image: &str) -> Option<String> {
    let (name, tag, digest) = image_parts(image);
    if digest.is_some() {
        return None;
    }
    match tag {
        None => Some(format!(
            "`{image}` has no tag, so Docker pulls `{name}:latest`, which changes under you"
        )),
        Some("latest") => Some(format!("`{image}` uses the moving `latest` tag")),
        Some(_) => None,
    }
}

fn base_image(
    file: &Dockerfile,
    index: usize,
    stage: &Stage,
    globals: &Vars,
    out: &mut Vec<Finding>,
) {
    let image = stage.image.as_str();
    let lower = image.to_ascii_lowercase();
    if image.is_empty() || lower == "scratch" {
        return;
    }
    if file.stages[..index]
        .iter()
        .any(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        return;
    }
    if image.contains('$') {
        let message = match expand(image, globals) {
            None => format!(
                "the base image `{image}` comes from a build argument with no default, so this linter cannot tell whether it is pinned; give the ARG a default with a version tag"
            ),
            Some(resolved) => match unpinned(&resolved) {
                Some(why) => format!(
                    "the base image defaults to `{resolved}`: {why}; make the ARG default a version tag (or a digest)"
                ),
                None => return,
            },
        };
        out.push(
            Finding::warning("dockerfile/pinned-base-image", stage.from.pos, message)
                .doc(docs::PIN),
        );
        return;
    }
    if let Some(why) = unpinned(image) {
        out.push(
            Finding::error(
                "dockerfile/pinned-base-image",
                stage.from.pos,
                format!(
                    "{why}; pin a version tag such as `node:20.18-alpine` (or a digest, `@sha256:...`) so builds are reproducible and an ECS deployment runs the image you tested"
                ),
            )
            .doc(docs::PIN),
        );
    }
}

/// True for `root`, `0`, `root:root`, `0:0`.
fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}

fn user(chain: &[&Stage], out: &mut Vec<Finding>) {
    let last = chain
        .iter()
        .flat_map(|s| &s.body)
        .rev()
        .find(|i| i.keyword == "USER");
    let Some(final_stage) = chain.last() else {
        return;
    };
    match last {
        None => out.push(
            Finding::error(
                "dockerfile/non-root-user",
                final_stage.from.pos,
                "the final stage has no USER, so the container runs as root; create an unprivileged user and switch to it (`USER node`, `USER 10001`, `USER nonroot:nonroot` on distroless)",
            )
            .doc(docs::USER),
        ),
        Some(inst) if is_root(inst.args.trim()) => out.push(
            Finding::error(
                "dockerfile/non-root-user",
                inst.pos,
                "the final stage runs as root; switch to an unprivileged user before the image ends (root is fine in earlier build steps)",
            )
            .doc(docs::USER),
        ),
        Some(_) => {}
    }
}

fn healthcheck(chain: &[&Stage], out: &mut Vec<Finding>) {
    let has = chain
        .iter()
        .flat_map(|s| &s.body)
        .any(|i| i.keyword == "HEALTHCHECK");
    if has {
        return;
    }
    let Some(final_stage) = chain.last() else {
        return;
    };
    out.push(
        Finding::warning(
            "dockerfile/healthcheck",
            final_stage.from.pos,
            "the final stage has no HEALTHCHECK. Add one for `docker run` and Compose; note that ECS ignores the image's HEALTHCHECK and uses the `healthCheck` of the task definition's container (and the load balancer's target group checks), so define it there too",
        )
        .doc(docs::ECS_HEALTHCHECK),
    );
}

/// True when an ADD source may only be added with ADD: a URL, a git repository or a
/// local tar archive (which ADD unpacks).
fn needs_add(source: &str) -> bool {
    let s = source.to_ascii_lowercase();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("git@")
        || s.ends_with(".git")
        || [
            ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
        ]
        .iter()
        .any(|ext| s.ends_with(ext))
}

/// The source paths of a COPY or ADD (everything but the destination).
pub(super) fn sources(inst: &Instruction) -> Vec<String> {
    let mut ws = match &inst.exec {
        Some(ws) => ws.clone(),
        None => words(&inst.args),
    };
    ws.pop();
    ws
}

fn add(inst: &Instruction, out: &mut Vec<Finding>) {
    let srcs = sources(inst);
    if srcs.iter().any(|s| needs_add(s)) {
        return;
    }
    out.push(
        Finding::warning(
            "dockerfile/copy-not-add",
            inst.pos,
            "use COPY for local files: ADD also downloads URLs and unpacks archives, so it hides what it does. ADD is the right choice only for a URL or a local tar archive you want extracted",
        )
        .doc(docs::ADD_OR_COPY),
    );
}

fn copy_from(file: &Dockerfile, index: usize, inst: &Instruction, out: &mut Vec<Finding>) {
    let Some(from) = inst.flag("from") else {
        return;
    };
    let lower = from.to_ascii_lowercase();
    if let Ok(n) = lower.parse::<usize>() {
        if n >= index {
            out.push(
                Finding::error(
                    "dockerfile/copy-from",
                    inst.pos,
                    format!("`--from={from}` names stage {n}, which is not an earlier stage (stages count from 0)"),
                )
                .doc(docs::COPY_FROM),
            );
        }
        return;
    }
    if file.stages[..index]
        .iter()
        .any(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        return;
    }
    if let Some(later) = file.stages[index..]
        .iter()
        .find(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        out.push(
            Finding::error(
                "dockerfile/copy-from",
                inst.pos,
                format!(
                    "`--from={from}` names a stage that is defined later (line {}); a stage can only copy from stages above it",
                    later.from.pos.line
                ),
            )
            .doc(docs::COPY_FROM),
        );
        return;
    }
    if lower.contains(['/', ':', '@', '$']) {
        return;
    }
    out.push(
        Finding::warning(
            "dockerfile/copy-from",
            inst.pos,
            format!(
                "there is no earlier stage named `{from}`, so Docker will try to pull an image called `{from}`; check the stage name (`FROM ... AS {from}`)"
            ),
        )
        .doc(docs::COPY_FROM),
    );
}

fn workdir(inst: &Instruction, vars: &Vars, out: &mut Vec<Finding>) {
    let raw = inst.args.trim();
    let path = expand(raw, vars).unwrap_or_else(|| raw.to_owned());
    let path = path.trim_matches(['"', '\'']);
    let windows = path.len() >= 2 && path.as_bytes()[1] == b':';
    if path.starts_with('/') || path.starts_with('$') || windows || path.is_empty() {
        return;
    }
    out.push(
        Finding::warning(
            "dockerfile/workdir-absolute",
            inst.pos,
            format!(
                "`WORKDIR {raw}` is relative to the previous WORKDIR; use an absolute path such as `/app` so it is clear where files land"
            ),
        )
        .doc(docs::WORKDIR),
    );
}

/// The ports of an EXPOSE, with the text of any invalid one.
fn exposed(inst: &Instruction, vars: &Vars) -> (Vec<u32>, Vec<String>) {
    let mut ports = Vec::new();
    let mut bad = Vec::new();
    for word in words(&inst.args) {
        let Some(word) = expand(&word, vars) else {
            continue;
        };
        let (range, proto) = word.split_once('/').unwrap_or((&word, "tcp"));
        let proto_ok = ["tcp", "udp", "sctp"].contains(&proto.to_ascii_lowercase().as_str());
        let (lo, hi) = range.split_once('-').unwrap_or((range, range));
        let valid = |p: &str| p.parse::<u32>().ok().filter(|n| (1..=65_535).contains(n));
        match (valid(lo), valid(hi)) {
            (Some(a), Some(b)) if a <= b && proto_ok => ports.extend(a..=b.min(a + 1_000)),
            _ => bad.push(word.clone()),
        }
    }
    (ports, bad)
}

fn expose_valid(inst: &Instruction, vars: &Vars, out: &mut Vec<Finding>) {
    for bad in exposed(inst, vars).1 {
        out.push(
            Finding::error(
                "dockerfile/expose",
                inst.pos,
                format!("`{bad}` is not a port: EXPOSE takes ports 1-65535, optionally with /tcp or /udp (`EXPOSE 8080`)"),
            )
            .doc(docs::EXPOSE),
        );
    }
}

/// The port the app is told to listen on: `ENV PORT=...`, or `PORT=...` in its command.
fn port(chain: &[&Stage], globals: &Vars, out: &mut Vec<Finding>) {
    let mut vars = globals.clone();
    let mut app_port: Option<(u32, &Instruction)> = None;
    let mut exposes = Vec::new();
    for inst in chain.iter().flat_map(|s| &s.body) {
        apply(inst, globals, &mut vars);
        match inst.keyword.as_str() {
            "ENV" => {
                for (k, v) in assignments(inst) {
                    if k == "PORT"
                        && let Some(p) = v
                            .and_then(|v| expand(&v, &vars))
                            .and_then(|v| v.parse().ok())
                    {
                        app_port = Some((p, inst));
                    }
                }
            }
            "CMD" | "ENTRYPOINT" => {
                let script = inst.script();
                if let Some(p) = script
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("PORT="))
                    .and_then(|p| p.trim_matches(['"', '\'']).parse().ok())
                {
                    app_port = Some((p, inst));
                }
            }
            "EXPOSE" => exposes.push((exposed(inst, &vars).0, inst)),
            _ => {}
        }
    }
    let Some((p, set_by)) = app_port else { return };
    if exposes.is_empty() {
        out.push(
            Finding::warning(
                "dockerfile/expose",
                set_by.pos,
                format!("the app listens on PORT={p} but the image does not EXPOSE it; add `EXPOSE {p}` so the port is documented (the ECS task definition's portMappings must match it too)"),
            )
            .doc(docs::EXPOSE),
        );
    } else if !exposes.iter().any(|(ports, _)| ports.contains(&p)) {
        let (_, inst) = &exposes[0];
        out.push(
            Finding::warning(
                "dockerfile/expose",
                inst.pos,
                format!("EXPOSE does not include {p}, the PORT the app listens on; expose the port the app really uses (and map it in the ECS task definition)"),
            )
            .doc(docs::EXPOSE),
        );
    }
}

fn commands(stage: &Stage, out: &mut Vec<Finding>) {
    for inst in &stage.body {
        if inst.keyword != "CMD" && inst.keyword != "ENTRYPOINT" {
            continue;
        }
        if inst.broken_exec {
            out.push(
                Finding::error(
                    "dockerfile/exec-form",
                    inst.pos,
                    format!(
                        "this {} looks like exec form but is not a valid JSON array, so Docker runs it as a shell command; use double quotes: `{} [\"node\", \"server.js\"]`",
                        inst.keyword, inst.keyword
                    ),
                )
                .doc(docs::ENTRYPOINT),
            );
        } else if inst.exec.is_none() && !inst.args.trim_start().starts_with("exec ") {
            out.push(
                Finding::warning(
                    "dockerfile/exec-form",
                    inst.pos,
                    format!(
                        "{} in shell form runs under `/bin/sh -c`, which does not pass SIGTERM on to the app: when ECS stops the task the app gets no chance to shut down cleanly and is killed after the stop timeout. Use exec form, `{} [\"executable\", \"arg\"]`",
                        inst.keyword, inst.keyword
                    ),
                )
                .doc(docs::ENTRYPOINT),
            );
        }
    }
}

/// Words of a variable name (split on `_`) that hold a secret, also as a word's ending
/// (`PGPASSWORD`); `TOKENIZERS_PARALLELISM` is not one.
const SECRET_ENDINGS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "APIKEY",
];

/// Words that make a following `KEY` a secret (`API_KEY`, `SECRET_ACCESS_KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "API",
    "ACCESS",
    "PRIVATE",
    "SECRET",
    "SIGNING",
    "ENCRYPTION",
    "MASTER",
];

/// Last words that mean the variable only points at or describes a secret
/// (`DB_PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`).
const POINTER_WORDS: &[&str] = &[
    "FILE", "PATH", "DIR", "URL", "URI", "ARN", "NAME", "ENDPOINT", "ID", "HOST", "PORT", "LENGTH",
    "TYPE",
];

/// True for a variable name that holds a secret.
pub(super) fn secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let words: Vec<&str> = upper
        .split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.last().is_some_and(|w| POINTER_WORDS.contains(w)) {
        return false;
    }
    words.iter().enumerate().any(|(i, w)| {
        SECRET_ENDINGS.iter().any(|s| w.ends_with(s))
            || (*w == "KEY" && i > 0 && KEY_QUALIFIERS.contains(&words[i - 1]))
    })
}

fn secrets(inst: &Instruction, out: &mut Vec<Finding>) {
    for (name, value) in assignments(inst) {
        if !secret_name(&name) {
            continue;
        }
        match value.filter(|v| !v.trim().is_empty()) {
            Some(_) => out.push(
                Finding::error(
                    "dockerfile/secret-in-env",
                    inst.pos,
                    format!(
                        "`{name}` puts a secret into the image: {} values stay in its layers and history for anyone who pulls it. Use a build secret (`RUN --mount=type=secret,id={} ...`) while building, and ECS `secrets` (Secrets Manager or Parameter Store) at run time",
                        inst.keyword,
                        name.to_ascii_lowercase()
                    ),
                )
                .doc(docs::SECRETS),
            ),
            None if inst.keyword == "ARG" => out.push(
                Finding::warning(
                    "dockerfile/secret-in-env",
                    inst.pos,
                    format!(
                        "the build argument `{name}` looks like a secret; build arguments are recorded in the image history, so pass it as a build secret (`RUN --mount=type=secret,id={}`) instead",
                        name.to_ascii_lowercase()
                    ),
                )
                .doc(docs::SECRETS),
            ),
            None => {}
        }
    }
}
