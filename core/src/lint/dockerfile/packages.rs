//! Rules about what `RUN` does: package managers (apt-get, apk), dependency installs
//! that should come before the source is copied, and compiling in a single stage.

use super::docs;
use super::parse::{Dockerfile, Instruction, Stage, words};
use super::rules::{image_parts, sources};
use crate::lint::Finding;

/// Runs every rule of this module.
pub(super) fn check(file: &Dockerfile, out: &mut Vec<Finding>) {
    for stage in &file.stages {
        for inst in stage.body.iter().filter(|i| i.keyword == "RUN") {
            apt(inst, out);
            apk(inst, out);
        }
        dependency_cache(stage, out);
    }
    if let [stage] = file.stages.as_slice() {
        multi_stage(stage, out);
    }
}

/// The simple commands of a shell script: split on `&&`, `||`, `;`, `|`, `&`, newlines
/// and parentheses outside quotes, each split into words.
pub(super) fn simple_commands(script: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, '\\') => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (None, '&' | '|' | ';' | '\n' | '(' | ')') => {
                if chars.peek() == Some(&c) {
                    chars.next();
                }
                segments.push(std::mem::take(&mut cur));
            }
            (None, c) => cur.push(c),
        }
    }
    segments.push(cur);
    segments
        .iter()
        .map(|s| words(s))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a command from its program on: leading `VAR=value` assignments and
/// wrappers such as `sudo` are skipped, and the program is reduced to its file name.
fn program(cmd: &[String]) -> Option<(String, &[String])> {
    let skip = [
        "sudo", "env", "exec", "command", "then", "do", "else", "if", "!", "{", "time", "nice",
    ];
    let start = cmd
        .iter()
        .position(|w| !w.contains('=') && !skip.contains(&w.as_str()) && !w.starts_with('-'))?;
    let name = cmd[start]
        .rsplit('/')
        .next()
        .unwrap_or(&cmd[start])
        .to_owned();
    Some((name, &cmd[start + 1..]))
}

/// The first word of `args` that is not an option: the subcommand.
fn subcommand(args: &[String]) -> Option<&str> {
    args.iter()
        .map(String::as_str)
        .find(|w| !w.starts_with('-'))
}

fn has_cache_mount(inst: &Instruction, target: &str) -> bool {
    inst.flags
        .iter()
        .any(|(n, v)| n == "mount" && v.contains("type=cache") && v.contains(target))
}

fn apt(inst: &Instruction, out: &mut Vec<Finding>) {
    let cmds = simple_commands(&inst.script());
    let mut update = false;
    let mut other = false;
    let mut installs: Vec<&[String]> = Vec::new();
    let mut cleans = false;
    for cmd in &cmds {
        let Some((prog, args)) = program(cmd) else {
            continue;
        };
        match prog.as_str() {
            "apt-get" | "apt" => match subcommand(args) {
                Some("update") => update = true,
                Some("install") => installs.push(args),
                Some(_) => other = true,
                None => {}
            },
            "rm" => cleans |= args.iter().any(|a| a.starts_with("/var/lib/apt/lists")),
            _ => {}
        }
    }
    let cached = has_cache_mount(inst, "/var/lib/apt");
    if update && installs.is_empty() && !other {
        out.push(
            Finding::error(
                "dockerfile/apt-update-install",
                inst.pos,
                "`apt-get update` in a RUN of its own is cached as a layer, so a later `apt-get install` can use stale package lists; run them together: `RUN apt-get update && apt-get install -y --no-install-recommends ... && rm -rf /var/lib/apt/lists/*`",
            )
            .doc(docs::APT),
        );
    }
    if installs.is_empty() {
        return;
    }
    if !update && !cached {
        out.push(
            Finding::error(
                "dockerfile/apt-update-install",
                inst.pos,
                "`apt-get install` without `apt-get update` in the same RUN: base images ship without package lists (or with stale cached ones), so run `apt-get update && apt-get install ...` in one RUN",
            )
            .doc(docs::APT),
        );
    }
    let has = |args: &[String], pred: &dyn Fn(&str) -> bool| args.iter().any(|a| pred(a));
    if installs.iter().any(|args| {
        !has(args, &|a| {
            a == "--yes"
                || a == "--assume-yes"
                || (a.starts_with('-') && !a.starts_with("--") && a.contains('y'))
        })
    }) {
        out.push(
            Finding::error(
                "dockerfile/apt-get-yes",
                inst.pos,
                "`apt-get install` without `-y` stops to ask for confirmation, and with no terminal during a build it aborts; add `-y`",
            )
            .doc(docs::APT),
        );
    }
    if installs.iter().any(|args| {
        !has(args, &|a| {
            a == "--no-install-recommends" || a.contains("Install-Recommends=false")
        })
    }) {
        out.push(
            Finding::warning(
                "dockerfile/apt-no-install-recommends",
                inst.pos,
                "add `--no-install-recommends` so apt installs only what you asked for; recommended packages can add hundreds of megabytes",
            )
            .doc(docs::APT),
        );
    }
    if !cleans && !cached {
        out.push(
            Finding::warning(
                "dockerfile/apt-lists-cleanup",
                inst.pos,
                "end this RUN with `rm -rf /var/lib/apt/lists/*`: the package lists are only needed while installing, and removing them in a later RUN does not shrink the image",
            )
            .doc(docs::APT),
        );
    }
}

fn apk(inst: &Instruction, out: &mut Vec<Finding>) {
    let cached = has_cache_mount(inst, "/var/cache/apk");
    for cmd in simple_commands(&inst.script()) {
        let Some((prog, args)) = program(&cmd) else {
            continue;
        };
        if prog == "apk"
            && subcommand(args) == Some("add")
            && !args.iter().any(|a| a == "--no-cache")
            && !cached
        {
            out.push(
                Finding::warning(
                    "dockerfile/apk-no-cache",
                    inst.pos,
                    "use `apk add --no-cache ...` so the package index is not left in the image (no separate `apk update` or cache cleanup needed)",
                )
                .doc(docs::RUN),
            );
            return;
        }
    }
}

/// Dependency manifests: copied on their own before the install step, they let Docker
/// reuse the installed dependencies while only the source changes.
const MANIFESTS: &[&str] = &[
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    ".npmrc",
    ".yarnrc.yml",
    "requirements.txt",
    "constraints.txt",
    "pyproject.toml",
    "poetry.lock",
    "uv.lock",
    "pipfile",
    "pipfile.lock",
    "setup.py",
    "setup.cfg",
    "go.mod",
    "go.sum",
    "cargo.toml",
    "cargo.lock",
    "pom.xml",
    ".mvn",
    "mvnw",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
    "gradle.properties",
    "gradlew",
    "gradle",
    "gemfile",
    "gemfile.lock",
    "composer.json",
    "composer.lock",
    "nuget.config",
];

/// `*` matching, for `package*.json` and `requirements*.txt`.
fn glob(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == name;
    };
    if parts.len() == 1 {
        return pattern == name;
    }
    if name.len() < first.len() + last.len() || !name.starts_with(first) || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

fn is_manifest(source: &str) -> bool {
    let name = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(source)
        .to_ascii_lowercase();
    let name = name.as_str();
    if name.ends_with(".csproj") || name.ends_with(".fsproj") || name.ends_with(".sln") {
        return true;
    }
    if name.starts_with("requirements") && name.ends_with(".txt") {
        return true;
    }
    MANIFESTS.iter().any(|m| glob(name, m))
}

fn is_whole_context(source: &str) -> bool {
    matches!(source, "." | "./" | "*" | "./*" | "./.")
}

/// The dependency install (or build that downloads dependencies) a command runs, named
/// by the manifests it reads.
fn install_step(inst: &Instruction) -> Option<&'static str> {
    for cmd in simple_commands(&inst.script()) {
        let Some((prog, args)) = program(&cmd) else {
            continue;
        };
        let sub = subcommand(args);
        let positional = args.iter().filter(|a| !a.starts_with('-')).count();
        let found = match (prog.as_str(), sub) {
            ("npm", Some("ci")) => Some("package.json and package-lock.json"),
            ("npm", Some("install" | "i")) if positional == 1 => {
                Some("package.json and package-lock.json")
            }
            ("yarn", None | Some("install")) => Some("package.json and yarn.lock"),
            ("pnpm", Some("install" | "i")) => Some("package.json and pnpm-lock.yaml"),
            ("pip" | "pip3", Some("install"))
                if args.iter().any(|a| {
                    a == "-r" || a.starts_with("--requirement") || a == "." || a == "-e"
                }) =>
            {
                Some("requirements.txt (or pyproject.toml)")
            }
            ("poetry", Some("install")) | ("pipenv", Some("install")) | ("uv", Some("sync")) => {
                Some("pyproject.toml and its lock file")
            }
            ("go", Some("build" | "install")) => Some("go.mod and go.sum"),
            ("go", Some("mod")) if args.iter().any(|a| a == "download") => {
                Some("go.mod and go.sum")
            }
            ("cargo", Some("build" | "fetch" | "install")) => Some("Cargo.toml and Cargo.lock"),
            ("mvn" | "mvnw", Some(_)) => Some("pom.xml"),
            ("gradle" | "gradlew", Some(_)) => Some("build.gradle and settings.gradle"),
            ("bundle", Some("install")) => Some("Gemfile and Gemfile.lock"),
            ("composer", Some("install")) => Some("composer.json and composer.lock"),
            ("dotnet", Some("restore" | "publish" | "build")) => Some("the .csproj file"),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        // `python -m pip install -r requirements.txt`
        if (prog == "python" || prog == "python3")
            && args.first().map(String::as_str) == Some("-m")
            && args.get(1).map(String::as_str) == Some("pip")
            && args.iter().any(|a| a == "-r" || a == ".")
        {
            return Some("requirements.txt (or pyproject.toml)");
        }
    }
    None
}

fn dependency_cache(stage: &Stage, out: &mut Vec<Finding>) {
    let mut manifest_copied = false;
    let mut whole: Option<&Instruction> = None;
    for inst in &stage.body {
        match inst.keyword.as_str() {
            "COPY" | "ADD" if inst.flag("from").is_none() => {
                let srcs = sources(inst);
                if srcs.iter().any(|s| is_whole_context(s)) {
                    whole.get_or_insert(inst);
                } else if !srcs.is_empty() && srcs.iter().all(|s| is_manifest(s)) {
                    manifest_copied = true;
                }
            }
            "RUN" => {
                if inst
                    .flags
                    .iter()
                    .any(|(n, v)| n == "mount" && v.contains("type=bind"))
                {
                    continue;
                }
                let Some(manifests) = install_step(inst) else {
                    continue;
                };
                if let Some(copy) = whole
                    && !manifest_copied
                {
                    out.push(
                        Finding::warning(
                            "dockerfile/dependency-cache",
                            copy.pos,
                            format!(
                                "the whole source is copied before dependencies are installed (line {}), so every source change reinstalls them; copy {manifests} first, install, then `COPY . .`",
                                inst.pos.line
                            ),
                        )
                        .doc(docs::CACHE),
                    );
                }
                return;
            }
            _ => {}
        }
    }
}

/// Base images that carry a compiler or build tool, by repository name.
const TOOLCHAINS: &[&str] = &[
    "golang",
    "rust",
    "maven",
    "gradle",
    "node",
    "openjdk",
    "sdk",
    "gcc",
    "amazoncorretto",
    "eclipse-temurin",
];

fn build_step(inst: &Instruction) -> Option<String> {
    for cmd in simple_commands(&inst.script()) {
        let Some((prog, args)) = program(&cmd) else {
            continue;
        };
        let sub = subcommand(args);
        let is_build = match (prog.as_str(), sub) {
            ("go", Some("build")) | ("cargo", Some("build")) => true,
            ("mvn" | "mvnw", Some(s)) => ["package", "install", "verify"]
                .iter()
                .any(|g| s.contains(g)),
            ("gradle" | "gradlew", Some(s)) => [
                "build",
                "assemble",
                "bootJar",
                "shadowJar",
                "installDist",
                "jar",
            ]
            .contains(&s),
            ("npm" | "pnpm", Some("run")) | ("yarn", Some("run")) => {
                args.iter().any(|a| a == "build")
            }
            ("yarn", Some("build")) | ("pnpm", Some("build")) => true,
            ("dotnet", Some("publish" | "build"))
            | ("make", _)
            | ("gcc" | "g++" | "javac" | "tsc", _) => true,
            _ => false,
        };
        if is_build {
            return Some(cmd.join(" "));
        }
    }
    None
}

fn multi_stage(stage: &Stage, out: &mut Vec<Finding>) {
    let (name, tag, _) = image_parts(&stage.image);
    let repo = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let jre_only = tag.is_some_and(|t| t.contains("jre"));
    if !TOOLCHAINS.contains(&repo.as_str()) || jre_only {
        return;
    }
    let Some((inst, cmd)) = stage
        .body
        .iter()
        .filter(|i| i.keyword == "RUN")
        .find_map(|i| build_step(i).map(|c| (i, c)))
    else {
        return;
    };
    out.push(
        Finding::warning(
            "dockerfile/multi-stage",
            inst.pos,
            format!(
                "`{cmd}` compiles in the same stage that ships, so the image carries the whole {repo} toolchain; build in a `FROM {repo}:... AS build` stage and `COPY --from=build` only the output into a small runtime image (distroless, alpine, slim or a JRE). Smaller images pull faster when ECS starts tasks and have fewer CVEs to patch"
            ),
        )
        .doc(docs::MULTI_STAGE),
    );
}
