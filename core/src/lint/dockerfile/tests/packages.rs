//! apt-get, apk, dependency caching and multi-stage builds.

use super::*;
use crate::lint::dockerfile::packages::simple_commands;

const GOOD_APT: &str = "RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n";

#[test]
fn the_recommended_apt_pattern_has_no_findings() {
    assert_eq!(findings(&image(GOOD_APT)), vec![]);
}

#[test]
fn apt_get_update_alone_is_an_error() {
    let src = image(
        "RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    );
    let found = of(&src, "dockerfile/apt-update-install");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].line, 2);
}

#[test]
fn apt_get_update_with_upgrade_is_not_update_alone() {
    let src = image("RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n");
    assert!(!fires(&src, "dockerfile/apt-update-install"));
}

#[test]
fn apt_get_install_without_yes_is_an_error() {
    let src = image(
        "RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    );
    assert!(fires(&src, "dockerfile/apt-get-yes"));
    let qy = image(
        "RUN apt-get update && apt-get -qy install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    );
    assert!(!fires(&qy, "dockerfile/apt-get-yes"));
}

#[test]
fn missing_no_install_recommends_is_a_warning() {
    let src =
        image("RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
    assert_eq!(
        of(&src, "dockerfile/apt-no-install-recommends")[0].severity,
        Severity::Warning
    );
}

#[test]
fn leaving_the_apt_lists_is_a_warning() {
    let src = image(
        "RUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n",
    );
    assert!(fires(&src, "dockerfile/apt-lists-cleanup"));
}

#[test]
fn an_apt_cache_mount_needs_no_cleanup() {
    let src = image(
        "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl\n",
    );
    assert!(!fires(&src, "dockerfile/apt-lists-cleanup"));
}

#[test]
fn apt_commands_in_heredocs_and_exec_form_are_seen() {
    let heredoc = image("RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n");
    assert!(fires(&heredoc, "dockerfile/apt-lists-cleanup"));
    let exec = image("RUN [\"apt-get\", \"update\"]\n");
    assert!(fires(&exec, "dockerfile/apt-update-install"));
}

#[test]
fn apk_add_without_no_cache_is_a_warning() {
    assert!(fires(
        &image("RUN apk update && apk add curl\n"),
        "dockerfile/apk-no-cache"
    ));
    assert!(!fires(
        &image("RUN apk add --no-cache curl\n"),
        "dockerfile/apk-no-cache"
    ));
}

#[test]
fn copying_the_source_before_installing_dependencies_is_a_warning() {
    let src = "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\n";
    let found = of(src, "dockerfile/dependency-cache");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 3);
    assert!(found[0].message.contains("package.json"));
}

#[test]
fn copying_manifests_first_keeps_the_cache() {
    for (manifests, install) in [
        ("package*.json", "npm ci"),
        ("requirements.txt", "pip install -r requirements.txt"),
        ("go.mod go.sum", "go mod download"),
        ("Cargo.toml Cargo.lock", "cargo fetch"),
        ("pom.xml", "mvn dependency:go-offline"),
        ("Gemfile Gemfile.lock", "bundle install"),
    ] {
        let src = format!(
            "FROM debian:12-slim\nWORKDIR /app\nCOPY {manifests} ./\nRUN {install}\nCOPY . .\nUSER app\n"
        );
        assert!(!fires(&src, "dockerfile/dependency-cache"), "{manifests}");
    }
}

#[test]
fn other_languages_get_the_cache_warning_too() {
    for install in [
        "pip install -r requirements.txt",
        "go build ./...",
        "cargo build --release",
        "mvn -B package",
        "python -m pip install -r requirements.txt",
    ] {
        let src = format!("FROM debian:12-slim\nWORKDIR /app\nCOPY . .\nRUN {install}\nUSER app\n");
        assert!(fires(&src, "dockerfile/dependency-cache"), "{install}");
    }
}

#[test]
fn compiling_in_a_single_toolchain_stage_is_a_warning() {
    let go = "FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\nUSER 1000\nCMD [\"/app\"]\n";
    let found = of(go, "dockerfile/multi-stage");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 6);
    let node =
        "FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nUSER node\n";
    assert!(fires(node, "dockerfile/multi-stage"));
}

#[test]
fn a_toolchain_image_that_only_runs_code_or_a_multi_stage_build_is_fine() {
    let node = "FROM node:20-alpine\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n";
    assert!(!fires(node, "dockerfile/multi-stage"));
    let staged = "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nUSER nonroot\n";
    assert!(!fires(staged, "dockerfile/multi-stage"));
}

#[test]
fn simple_commands_split_on_operators_outside_quotes() {
    let cmds = simple_commands("a && b 'c && d' | e; f || (g)\nh");
    let firsts: Vec<&str> = cmds.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(firsts, ["a", "b", "e", "f", "g", "h"]);
    assert_eq!(cmds[1], ["b", "c && d"]);
}
