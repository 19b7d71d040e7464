//! Input that is not a Dockerfile, or is built to hurt the parser.

use super::*;
use std::time::{Duration, Instant};

#[test]
fn a_file_without_from_is_not_a_dockerfile() {
    let err = lint("RUN echo hi\nCMD [\"x\"]\n").unwrap_err();
    assert!(
        err.message.contains("this does not look like a Dockerfile"),
        "{err}"
    );
}

#[test]
fn garbage_text_is_not_a_dockerfile() {
    assert!(lint("Lorem ipsum dolor sit amet.\nFROM here on, nothing.\n").is_err());
    assert!(lint("{\"a\": 1}").is_err());
}

#[test]
fn a_buildspec_is_named_as_the_wrong_kind() {
    let err = lint("version: 0.2\nphases:\n  build:\n    commands:\n      - docker build .\n")
        .unwrap_err();
    assert!(err.message.contains("buildspec"), "{err}");
}

#[test]
fn empty_and_binary_input_are_refused() {
    assert!(lint("").is_err());
    assert!(lint("\n\n# just a comment\n").is_err());
    assert!(
        lint("FROM alpine\0\u{1}\u{2}\u{3}\u{4}\u{5}")
            .unwrap_err()
            .message
            .contains("binary")
    );
}

#[test]
fn an_oversized_file_is_refused() {
    let src = format!(
        "FROM alpine:3.20\n{}",
        "RUN echo padding padding padding\n".repeat(10_000)
    );
    assert!(lint(&src).unwrap_err().message.contains("limit"));
}

#[test]
fn a_big_but_allowed_dockerfile_is_linted_fast() {
    let mut src = String::from("FROM debian:12-slim AS s0\n");
    let mut i = 0;
    while src.len() < 250 * 1024 {
        i += 1;
        src.push_str(&format!("RUN echo {i} \\\n    && apt-get update && apt-get install -y pkg{i}\nFROM s{} AS s{i}\n", i - 1));
    }
    let started = Instant::now();
    let found = findings(&src);
    assert!(found.len() > 1_000);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_long_continuation_and_a_huge_heredoc_stay_linear() {
    let src = format!(
        "FROM alpine:3.20\nRUN echo \\\n{}  done\nRUN <<EOF\n{}EOF\nUSER app\n",
        "  x \\\n".repeat(20_000),
        "echo line\n".repeat(10_000)
    );
    let started = Instant::now();
    let found = findings(&src);
    assert!(
        !found.iter().any(|f| f.rule == "dockerfile/syntax"),
        "{:?}",
        found.first()
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_deep_stage_chain_does_not_overflow() {
    let mut src = String::from("FROM alpine:3.20 AS s0\n");
    for i in 1..3_000 {
        src.push_str(&format!("FROM s{} AS s{i}\n", i - 1));
    }
    src.push_str("USER app\n");
    assert!(!fires(&src, "dockerfile/non-root-user"));
}

#[test]
fn odd_but_valid_text_does_not_panic() {
    for src in [
        "FROM alpine:3.20\nRUN \\",
        "FROM alpine:3.20\nRUN <<\nEXPOSE ${\nWORKDIR $\nENV =\nARG\nUSER\n",
        "FROM\n",
        "FROM ünïcødé:1\nCOPY --from= a b\nCMD [\nENTRYPOINT []\n",
        "FROM alpine:3.20\r\nUSER app\r\nCMD [\"x\"]\r\n",
    ] {
        let _ = lint(src);
    }
}

#[test]
fn the_shared_entry_point_routes_dockerfiles_here() {
    use crate::lint::{Kind, lint as lint_kind};
    let found = lint_kind(Kind::Dockerfile, "FROM node\nCMD node a.js\n").unwrap();
    assert!(
        found
            .iter()
            .any(|f| f.rule == "dockerfile/pinned-base-image")
    );
    assert!(
        found
            .windows(2)
            .all(|w| (w[0].line, w[0].col) <= (w[1].line, w[1].col))
    );
}
