//! Base images, user, ADD, COPY --from, WORKDIR, EXPOSE, commands, health checks and
//! secrets.

use super::*;

#[test]
fn a_pinned_tag_or_digest_passes() {
    for from in [
        "node:20.18-alpine",
        "public.ecr.aws/docker/library/node:20",
        "localhost:5000/team/app:1.2.3",
        "alpine@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a",
    ] {
        let src = format!("FROM {from}\n{GOOD_TAIL}");
        assert!(!fires(&src, "dockerfile/pinned-base-image"), "{from}");
    }
}

#[test]
fn latest_or_a_missing_tag_is_an_error() {
    for from in [
        "node:latest",
        "node",
        "localhost:5000/team/app",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/web",
    ] {
        let found = of(
            &format!("FROM {from}\n{GOOD_TAIL}"),
            "dockerfile/pinned-base-image",
        );
        assert_eq!(found.len(), 1, "{from}");
        assert_eq!(found[0].severity, Severity::Error);
    }
}

#[test]
fn scratch_and_earlier_stages_need_no_tag() {
    let src = format!("FROM golang:1.23 AS Build\nFROM build AS test\nFROM scratch\n{GOOD_TAIL}");
    assert!(!fires(&src, "dockerfile/pinned-base-image"));
}

#[test]
fn an_arg_based_image_is_only_a_warning() {
    let no_default = of(
        &format!("ARG BASE\nFROM $BASE\n{GOOD_TAIL}"),
        "dockerfile/pinned-base-image",
    );
    assert_eq!(no_default[0].severity, Severity::Warning);
    let latest = of(
        &format!("ARG TAG=latest\nFROM node:${{TAG}}\n{GOOD_TAIL}"),
        "dockerfile/pinned-base-image",
    );
    assert_eq!(latest[0].severity, Severity::Warning);
    assert!(!fires(
        &format!("ARG TAG=20\nFROM node:${{TAG}}-alpine\n{GOOD_TAIL}"),
        "dockerfile/pinned-base-image"
    ));
}

#[test]
fn a_final_stage_without_user_runs_as_root() {
    let found = of(
        "FROM alpine:3.20\nRUN echo hi\nCMD [\"sh\"]\n",
        "dockerfile/non-root-user",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 1);
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn user_root_at_the_end_is_an_error_but_root_while_building_is_fine() {
    assert!(fires(
        "FROM alpine:3.20\nUSER app\nUSER root\n",
        "dockerfile/non-root-user"
    ));
    assert!(fires(
        "FROM alpine:3.20\nUSER 0:0\n",
        "dockerfile/non-root-user"
    ));
    assert!(!fires(
        "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache git\nUSER 10001\n",
        "dockerfile/non-root-user"
    ));
}

#[test]
fn only_the_final_stage_user_matters_and_it_inherits_from_its_parent() {
    let src = "FROM alpine:3.20 AS build\nRUN make\nFROM alpine:3.20\nUSER app\n";
    assert!(!fires(src, "dockerfile/non-root-user"));
    let inherited = "FROM alpine:3.20 AS base\nUSER app\nFROM base\nCMD [\"x\"]\n";
    assert!(!fires(inherited, "dockerfile/non-root-user"));
    let build_only = "FROM alpine:3.20 AS build\nUSER app\nFROM alpine:3.20\nCMD [\"x\"]\n";
    assert!(fires(build_only, "dockerfile/non-root-user"));
}

#[test]
fn add_for_local_files_is_a_warning() {
    let found = of(&image("ADD app.py /app/\n"), "dockerfile/copy-not-add");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("URL or a local tar archive"));
}

#[test]
fn add_for_urls_and_archives_is_fine() {
    assert!(!fires(
        &image("ADD https://example.com/tool.tgz /opt/\n"),
        "dockerfile/copy-not-add"
    ));
    assert!(!fires(
        &image("ADD rootfs.tar.xz /\n"),
        "dockerfile/copy-not-add"
    ));
    assert!(!fires(
        &image("COPY app.py /app/\n"),
        "dockerfile/copy-not-add"
    ));
}

#[test]
fn copy_from_must_name_an_earlier_stage() {
    let ok = format!(
        "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\nCOPY --from=nginx:1.27 /c /c\n{GOOD_TAIL}"
    );
    assert!(!fires(&ok, "dockerfile/copy-from"));
    let later = format!(
        "FROM alpine:3.20 AS one\nCOPY --from=two /a /a\nFROM alpine:3.20 AS two\n{GOOD_TAIL}"
    );
    assert_eq!(
        of(&later, "dockerfile/copy-from")[0].severity,
        Severity::Error
    );
    let index = format!("FROM alpine:3.20\nCOPY --from=1 /a /a\n{GOOD_TAIL}");
    assert!(fires(&index, "dockerfile/copy-from"));
    let typo = format!(
        "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=biuld /a /a\n{GOOD_TAIL}"
    );
    assert_eq!(
        of(&typo, "dockerfile/copy-from")[0].severity,
        Severity::Warning
    );
}

#[test]
fn a_relative_workdir_is_a_warning() {
    assert!(fires(
        &image("WORKDIR app\n"),
        "dockerfile/workdir-absolute"
    ));
    assert!(!fires(
        &image("WORKDIR /app\n"),
        "dockerfile/workdir-absolute"
    ));
    assert!(!fires(
        &image("ENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\n"),
        "dockerfile/workdir-absolute"
    ));
}

#[test]
fn an_invalid_exposed_port_is_an_error() {
    for bad in ["0", "70000", "http", "80/tcpx"] {
        let found = of(&image(&format!("EXPOSE {bad}\n")), "dockerfile/expose");
        assert_eq!(found[0].severity, Severity::Error, "{bad}");
    }
    assert!(!fires(
        &image("EXPOSE 80 443/tcp 53/udp 8000-8010\n"),
        "dockerfile/expose"
    ));
}

#[test]
fn a_port_the_app_uses_but_does_not_expose_is_a_warning() {
    let missing = of(&image("ENV PORT=8080\n"), "dockerfile/expose");
    assert_eq!(missing[0].severity, Severity::Warning);
    assert!(missing[0].message.contains("EXPOSE 8080"));
    let mismatch = image("ENV PORT=8080\nEXPOSE 80\n");
    assert!(fires(&mismatch, "dockerfile/expose"));
    assert!(!fires(
        &image("ENV PORT=8080\nEXPOSE ${PORT}\n"),
        "dockerfile/expose"
    ));
    let in_cmd = "FROM node:20-alpine\nUSER node\nHEALTHCHECK NONE\nEXPOSE 3000\nCMD PORT=4000 node server.js\n";
    assert!(fires(in_cmd, "dockerfile/expose"));
}

#[test]
fn shell_form_cmd_and_entrypoint_are_warnings() {
    let found = of(
        "FROM alpine:3.20\nUSER app\nHEALTHCHECK NONE\nCMD node server.js\n",
        "dockerfile/exec-form",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].message.contains("SIGTERM"));
    assert!(!fires(&image(""), "dockerfile/exec-form"));
    assert!(!fires(
        "FROM alpine:3.20\nUSER app\nCMD exec node server.js\n",
        "dockerfile/exec-form"
    ));
}

#[test]
fn a_single_quoted_exec_form_is_an_error() {
    let found = of(
        "FROM alpine:3.20\nUSER app\nENTRYPOINT ['node', 'server.js']\n",
        "dockerfile/exec-form",
    );
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn a_missing_healthcheck_is_a_warning_that_mentions_ecs() {
    let found = of(
        "FROM alpine:3.20\nUSER app\nCMD [\"x\"]\n",
        "dockerfile/healthcheck",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("ECS ignores"));
    assert!(!fires(&image(""), "dockerfile/healthcheck"));
    assert!(!fires(
        "FROM alpine:3.20\nUSER app\nHEALTHCHECK NONE\n",
        "dockerfile/healthcheck"
    ));
}

#[test]
fn secrets_in_env_or_arg_values_are_errors() {
    for line in [
        "ENV DB_PASSWORD=hunter2",
        "ENV API_KEY abc123",
        "ARG NPM_TOKEN=npm_abc",
        "ENV AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI\"",
        "ENV PGPASSWORD=postgres",
        "ENV SECRET_KEY_BASE=abc",
    ] {
        let found = of(&image(&format!("{line}\n")), "dockerfile/secret-in-env");
        assert_eq!(found.len(), 1, "{line}");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.contains("--mount=type=secret"));
    }
}

#[test]
fn a_secret_build_arg_without_value_is_a_warning_and_pointers_are_fine() {
    assert_eq!(
        of(&image("ARG GITHUB_TOKEN\n"), "dockerfile/secret-in-env")[0].severity,
        Severity::Warning
    );
    for line in [
        "ENV DB_PASSWORD_FILE=/run/secrets/db",
        "ENV TOKEN_URL=https://auth",
        "ENV AWS_ACCESS_KEY_ID=",
        "ENV LOG_LEVEL=info",
        "ENV TOKENIZERS_PARALLELISM=false",
        "ENV KEYBOARD_LAYOUT=us",
    ] {
        assert!(
            !fires(&image(&format!("{line}\n")), "dockerfile/secret-in-env"),
            "{line}"
        );
    }
}

#[test]
fn findings_link_to_docker_or_aws_documentation() {
    for f in findings("FROM node\nADD a /a\nCMD node a\n") {
        let doc = f.doc.unwrap_or_default();
        assert!(
            doc.starts_with("https://docs.docker.com/")
                || doc.starts_with("https://docs.aws.amazon.com/"),
            "{doc}"
        );
    }
}
