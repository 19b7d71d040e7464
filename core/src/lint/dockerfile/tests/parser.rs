//! The parser: continuations, directives, heredocs, forms and stages.

use super::*;
use crate::lint::dockerfile::parse::{Dockerfile, heredoc_markers, parse, words};

fn parsed(src: &str) -> (Dockerfile, Vec<Finding>) {
    let mut out = Vec::new();
    match parse(src, &mut out) {
        Ok(file) => (file, out),
        Err(_) => panic!("not a Dockerfile:\n{src}"),
    }
}

#[test]
fn a_minimal_clean_dockerfile_has_no_findings() {
    assert_eq!(findings(&image("")), vec![]);
}

#[test]
fn continuation_lines_join_and_keep_the_starting_line() {
    let (file, _) =
        parsed("FROM alpine:3.20\n\nRUN echo a \\\n    && echo b \\\n    && echo c\nUSER x\n");
    let run = &file.stages[0].body[0];
    assert_eq!(run.keyword, "RUN");
    assert_eq!(run.pos.line, 3);
    assert!(run.args.contains("echo a") && run.args.contains("echo c"));
    assert_eq!(file.stages[0].body[1].pos.line, 6);
}

#[test]
fn comments_and_blank_lines_inside_a_continuation_are_skipped() {
    let (file, out) = parsed("FROM alpine:3.20\nRUN apk add \\\n# a comment\n\n    curl\nUSER x\n");
    assert!(out.is_empty(), "{out:?}");
    assert!(file.stages[0].body[0].args.ends_with("curl"));
    assert_eq!(file.stages[0].body.len(), 2);
}

#[test]
fn the_escape_directive_switches_to_backticks() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir C:\\ `\n    && echo done\nUSER ContainerUser\n";
    let (file, out) = parsed(src);
    assert!(out.is_empty(), "{out:?}");
    let run = &file.stages[0].body[0];
    assert!(run.args.contains("C:\\") && run.args.contains("echo done"));
}

#[test]
fn a_directive_after_a_comment_is_only_a_comment() {
    let (file, _) = parsed("# hello\n# escape=`\nFROM alpine:3.20\nRUN echo \\\n  joined\n");
    assert!(file.stages[0].body[0].args.contains("joined"));
}

#[test]
fn a_bad_escape_directive_is_a_syntax_error() {
    assert!(fires(
        "# escape=x\nFROM alpine:3.20\nUSER a\n",
        "dockerfile/syntax"
    ));
}

#[test]
fn instructions_are_case_insensitive() {
    let (file, out) = parsed("from alpine:3.20 as base\nrun echo hi\nuser app\n");
    assert!(out.is_empty());
    assert_eq!(file.stages[0].name.as_deref(), Some("base"));
    assert_eq!(file.stages[0].body[0].keyword, "RUN");
}

#[test]
fn exec_and_shell_forms_are_told_apart() {
    let (file, _) =
        parsed("FROM alpine:3.20\nCMD [\"node\", \"a.js\"]\nCMD node a.js\nCMD ['node', 'a.js']\n");
    let body = &file.stages[0].body;
    assert_eq!(
        body[0].exec.as_deref(),
        Some(&["node".to_owned(), "a.js".to_owned()][..])
    );
    assert!(body[1].exec.is_none() && !body[1].broken_exec);
    assert!(body[2].exec.is_none() && body[2].broken_exec);
}

#[test]
fn heredocs_are_read_and_skipped() {
    let src = "FROM alpine:3.20\nRUN <<EOF\nFROM not-an-instruction\necho hi\nEOF\nCOPY <<-\"CONF\" /etc/x <<TWO /etc/y\n\tline\n\tCONF\nsecond\nTWO\nUSER app\n";
    let (file, out) = parsed(src);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(file.stages.len(), 1);
    let body = &file.stages[0].body;
    assert_eq!(body[0].heredocs[0].body, "FROM not-an-instruction\necho hi");
    assert_eq!(body[1].heredocs.len(), 2);
    assert_eq!(body[1].heredocs[0].body, "line");
    assert_eq!(body[2].keyword, "USER");
    assert_eq!(body[2].pos.line, 11);
}

#[test]
fn heredoc_markers_ignore_here_strings_and_spaced_redirections() {
    assert_eq!(
        heredoc_markers("cat <<EOF"),
        vec![("EOF".to_owned(), false)]
    );
    assert_eq!(
        heredoc_markers("cat <<-'END'"),
        vec![("END".to_owned(), true)]
    );
    assert!(heredoc_markers("grep x <<< \"$v\"").is_empty());
    assert!(heredoc_markers("echo 'a << b'").is_empty());
}

#[test]
fn an_unclosed_heredoc_is_a_syntax_error() {
    let found = of(
        "FROM alpine:3.20\nRUN <<EOF\necho hi\nUSER app\n",
        "dockerfile/syntax",
    );
    assert!(found[0].message.contains("never closed"));
}

#[test]
fn flags_are_separated_from_arguments() {
    let (file, _) =
        parsed("FROM --platform=linux/amd64 alpine:3.20 AS a\nCOPY --from=a --chown=1:1 /x /y\n");
    assert_eq!(file.stages[0].from.flag("platform"), Some("linux/amd64"));
    assert_eq!(file.stages[0].image, "alpine:3.20");
    assert_eq!(file.stages[0].body[0].flag("chown"), Some("1:1"));
    assert_eq!(file.stages[0].body[0].args, "/x /y");
}

#[test]
fn stages_know_their_names_and_parents() {
    let (file, _) = parsed("ARG V=1\nFROM alpine:3.20 AS Base\nFROM base AS app\nFROM scratch\n");
    assert_eq!(file.global_args.len(), 1);
    assert_eq!(file.stages[1].parent, Some(0));
    assert_eq!(file.stages[2].parent, None);
}

#[test]
fn an_unknown_instruction_is_a_syntax_error_with_its_line() {
    let found = of(
        "FROM alpine:3.20\nRUN echo a\n  && echo b\nUSER app\n",
        "dockerfile/syntax",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 3);
    assert!(found[0].message.contains("needs a \\"));
}

#[test]
fn only_arg_may_come_before_from() {
    assert!(fires(
        "ENV A=1\nFROM alpine:3.20\nUSER app\n",
        "dockerfile/syntax"
    ));
    assert!(!fires(
        "ARG A=1\nFROM alpine:3.20\nUSER app\n",
        "dockerfile/syntax"
    ));
}

#[test]
fn a_malformed_from_and_a_duplicate_stage_name_are_syntax_errors() {
    assert!(fires(
        "FROM alpine:3.20 base\nUSER app\n",
        "dockerfile/syntax"
    ));
    assert!(fires(
        "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\nUSER app\n",
        "dockerfile/syntax"
    ));
}

#[test]
fn words_honour_quotes_and_escapes() {
    assert_eq!(
        words(r#"a "b c" 'd e' f\ g"#),
        vec!["a", "b c", "d e", "f g"]
    );
}
