//! Dockerfiles: a parser that reads them the way BuildKit does ([`parse`]) and the
//! rules the workshop teaches for images that run on ECS: pinned base images, a
//! non-root user, small cache-friendly layers, multi-stage builds, exec-form commands,
//! no secrets in the image.
//!
//! Nothing is built or run; `RUN` scripts are only read for the package-manager and
//! build commands they contain.

mod packages;
mod parse;

pub(crate) use parse::INSTRUCTIONS;
mod rules;
#[cfg(test)]
mod tests;

use super::{Finding, Kind, ParseFailure};
use crate::doc::{self, Value};
use parse::{Dockerfile, Instruction, Stage};
use std::collections::HashMap;

/// Documentation pages the findings link to.
pub(super) mod docs {
    /// Pinning base image versions.
    pub const PIN: &str =
        "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions";
    /// USER.
    pub const USER: &str = "https://docs.docker.com/build/building/best-practices/#user";
    /// ADD or COPY.
    pub const ADD_OR_COPY: &str =
        "https://docs.docker.com/build/building/best-practices/#add-or-copy";
    /// apt-get.
    pub const APT: &str = "https://docs.docker.com/build/building/best-practices/#apt-get";
    /// RUN.
    pub const RUN: &str = "https://docs.docker.com/build/building/best-practices/#run";
    /// Ordering layers for the build cache.
    pub const CACHE: &str = "https://docs.docker.com/build/cache/optimize/";
    /// Multi-stage builds.
    pub const MULTI_STAGE: &str =
        "https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds";
    /// ECS container health checks (which ignore the image's HEALTHCHECK).
    pub const ECS_HEALTHCHECK: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_healthcheck";
    /// Build secrets.
    pub const SECRETS: &str = "https://docs.docker.com/build/building/secrets/";
    /// EXPOSE.
    pub const EXPOSE: &str = "https://docs.docker.com/build/building/best-practices/#expose";
    /// ENTRYPOINT (exec form and signals).
    pub const ENTRYPOINT: &str =
        "https://docs.docker.com/build/building/best-practices/#entrypoint";
    /// WORKDIR.
    pub const WORKDIR: &str = "https://docs.docker.com/build/building/best-practices/#workdir";
    /// The Dockerfile reference.
    pub const REFERENCE: &str = "https://docs.docker.com/reference/dockerfile/";
    /// The escape directive.
    pub const ESCAPE: &str = "https://docs.docker.com/reference/dockerfile/#escape";
    /// Heredocs.
    pub const HEREDOCS: &str = "https://docs.docker.com/reference/dockerfile/#here-documents";
    /// COPY --from.
    pub const COPY_FROM: &str = "https://docs.docker.com/reference/dockerfile/#copy---from";
}

/// Lints a Dockerfile.
pub fn lint(src: &str) -> Result<Vec<Finding>, ParseFailure> {
    super::check_text(src)?;
    let mut out = Vec::new();
    let file = match parse::parse(src, &mut out) {
        Ok(file) => file,
        Err(parse::NotADockerfile) => return Err(not_a_dockerfile(src)),
    };
    rules::check(&file, &mut out);
    packages::check(&file, &mut out);
    Ok(out)
}

/// The failure for text that is not a Dockerfile, naming what it looks like when the
/// text is one of the YAML or JSON kinds.
fn not_a_dockerfile(src: &str) -> ParseFailure {
    let looks_like = doc::parse_yaml(src, doc::Limits::default())
        .ok()
        .filter(|root| matches!(root.value, Value::Map(_)))
        .and_then(|root| super::guess_kind(&root))
        .filter(|k| *k != Kind::Dockerfile);
    match looks_like {
        Some(kind) => ParseFailure::whole(format!(
            "this does not look like a Dockerfile: it looks like {}",
            kind.described()
        )),
        None => ParseFailure::whole(
            "this does not look like a Dockerfile: it has no FROM instruction (a Dockerfile starts with FROM, or ARG then FROM)",
        ),
    }
}

/// Build-time variables and their values, for expanding `$NAME` in instructions.
pub(super) type Vars = HashMap<String, String>;

/// The defaults of the `ARG`s before the first `FROM`.
fn global_vars(file: &Dockerfile) -> Vars {
    let mut vars = Vars::new();
    for inst in &file.global_args {
        for (k, v) in parse::assignments(inst) {
            if let Some(v) = v {
                vars.insert(k, v);
            }
        }
    }
    vars
}

/// Updates `vars` with an `ARG` or `ENV` of a stage. A stage `ARG` without a value
/// takes the global default of the same name.
fn apply(inst: &Instruction, globals: &Vars, vars: &mut Vars) {
    if inst.keyword != "ARG" && inst.keyword != "ENV" {
        return;
    }
    for (k, v) in parse::assignments(inst) {
        let value = match v {
            Some(v) => Some(expand(&v, vars).unwrap_or(v)),
            None => globals.get(&k).cloned(),
        };
        if let Some(value) = value {
            vars.insert(k, value);
        }
    }
}

/// `text` with `$NAME`, `${NAME}` and `${NAME:-default}` replaced, or `None` when a
/// variable has no known value.
pub(super) fn expand(text: &str, vars: &Vars) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}')?;
            let body = &inner[..end];
            let (name, default) = match body.split_once(":-") {
                Some((n, d)) => (n, Some(d)),
                None => (body, None),
            };
            let value = vars
                .get(name)
                .filter(|v| !v.is_empty() || default.is_none());
            match (value, default) {
                (Some(v), _) => out.push_str(v),
                (None, Some(d)) => out.push_str(d),
                (None, None) => return None,
            }
            rest = &inner[end + 1..];
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if len == 0 {
                out.push('$');
                rest = after;
                continue;
            }
            out.push_str(vars.get(&after[..len])?);
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

/// The chain of stages an image builds on, oldest first, ending with `index`.
fn lineage(file: &Dockerfile, index: usize) -> Vec<&Stage> {
    let mut chain = vec![&file.stages[index]];
    let mut seen = 0;
    while let Some(parent) = chain.last().and_then(|s| s.parent) {
        seen += 1;
        if seen > file.stages.len() {
            break;
        }
        chain.push(&file.stages[parent]);
    }
    chain.reverse();
    chain
}
