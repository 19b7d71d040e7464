use super::*;

const K: Kind = Kind::Buildspec;

const BASE: &str = "\
version: 0.2
env:
  variables:
    NODE_ENV: \"production\"
  secrets-manager:
    DB_PASSWORD: prod/db:password
phases:
  install:
    runtime-versions:
      nodejs: 20
  build:
    commands:
      - npm ci
      - npm test
reports:
  unit:
    files:
      - junit.xml
    file-format: JUNITXML
artifacts:
  files:
    - 'dist/**/*'
cache:
  paths:
    - 'node_modules/**/*'
";

#[test]
fn a_complete_buildspec_has_no_findings() {
    clean(K, BASE);
}

#[test]
fn version_0_1_is_a_legacy_warning_and_0_2_is_fine() {
    let src = with(BASE, "version: 0.2", "version: 0.1");
    let message = only(K, &src, "buildspec/version", Severity::Warning, 1);
    assert!(message.contains("own shell"), "{message}");
    assert!(of_rule(K, BASE, "buildspec/version").is_empty());
}

#[test]
fn a_missing_or_unknown_version_is_an_error() {
    let src = with(BASE, "version: 0.2\n", "");
    assert_eq!(
        of_rule(K, &src, "buildspec/version")[0].severity,
        Severity::Error
    );
    let src = with(BASE, "version: 0.2", "version: 1.0");
    only(K, &src, "buildspec/version", Severity::Error, 1);
}

#[test]
fn an_unknown_section_is_named_with_a_suggestion() {
    let src = with(BASE, "artifacts:\n  files:", "artifact:\n  files:");
    let message = only(K, &src, "buildspec/unknown-key", Severity::Error, 20);
    assert!(message.contains("Did you mean `artifacts`?"), "{message}");
}

#[test]
fn a_buildspec_without_phases_gets_one_finding() {
    let src = "version: 0.2\nenv:\n  variables:\n    A: \"b\"\n";
    only(K, src, "buildspec/phases", Severity::Error, 1);
}

#[test]
fn an_unknown_phase_name_is_an_error_on_its_line() {
    let src = with(BASE, "  build:\n", "  test:\n");
    let message = only(K, &src, "buildspec/phase-name", Severity::Error, 11);
    assert!(message.contains("`test` is not a build phase"), "{message}");
    let src = with(BASE, "  build:\n", "  prebuild:\n");
    assert!(only(K, &src, "buildspec/phase-name", Severity::Error, 11).contains("`pre_build`"));
}

#[test]
fn runtime_versions_outside_install_and_misspelt_phase_keys_are_errors() {
    let src = with(
        BASE,
        "    commands:\n      - npm ci",
        "    runtime-versions:\n      nodejs: 20\n    commands:\n      - npm ci",
    );
    only(K, &src, "buildspec/phase-key", Severity::Error, 12);
    let src = with(
        BASE,
        "    commands:\n      - npm ci\n      - npm test\n",
        "    commands:\n      - npm ci\n    finaly:\n      - npm test\n",
    );
    assert!(only(K, &src, "buildspec/phase-key", Severity::Error, 14).contains("`finally`"));
}

#[test]
fn a_command_with_colon_space_is_read_as_a_mapping_and_flagged() {
    let src = with(
        BASE,
        "      - npm test",
        "      - echo Build started on: today",
    );
    let message = only(K, &src, "buildspec/commands", Severity::Error, 14);
    assert!(message.contains("quotes"), "{message}");
    let quoted = with(
        BASE,
        "      - npm test",
        "      - \"echo Build started on: today\"",
    );
    clean(K, &quoted);
}

#[test]
fn a_phase_needs_a_non_empty_commands_list() {
    let src = with(
        BASE,
        "    commands:\n      - npm ci\n      - npm test\n",
        "    - npm ci\n",
    );
    assert!(only(K, &src, "buildspec/commands", Severity::Error, 11).contains("under `commands:`"));
    let src = with(
        BASE,
        "    commands:\n      - npm ci\n      - npm test\n",
        "    commands: []\n",
    );
    only(K, &src, "buildspec/commands", Severity::Error, 12);
    let src = with(
        BASE,
        "    commands:\n      - npm ci\n      - npm test\n",
        "    on-failure: ABORT\n",
    );
    only(K, &src, "buildspec/commands", Severity::Error, 12);
}

#[test]
fn an_unknown_env_key_is_an_error() {
    let src = with(BASE, "  variables:", "  variable:");
    assert!(only(K, &src, "buildspec/env", Severity::Error, 3).contains("`variables`"));
}

#[test]
fn a_number_in_env_variables_must_be_quoted() {
    let src = with(BASE, "    NODE_ENV: \"production\"", "    PORT: 8080");
    let message = only(K, &src, "buildspec/env-value", Severity::Error, 4);
    assert!(message.contains("quotes"), "{message}");
}

#[test]
fn codebuild_prefixed_variables_are_reserved() {
    let src = with(BASE, "    NODE_ENV:", "    CODEBUILD_MODE:");
    only(K, &src, "buildspec/reserved-variable", Severity::Error, 4);
}

#[test]
fn a_password_in_plain_variables_is_an_error_but_fine_in_secrets_manager() {
    let src = with(
        BASE,
        "    NODE_ENV: \"production\"",
        "    DB_PASSWORD: \"hunter2\"",
    );
    let message = only(K, &src, "buildspec/plaintext-secret", Severity::Error, 4);
    assert!(message.contains("secrets-manager"), "{message}");
    // The base keeps DB_PASSWORD under secrets-manager: no finding.
    assert!(of_rule(K, BASE, "buildspec/plaintext-secret").is_empty());
}

#[test]
fn an_aws_access_key_is_caught_whatever_the_name_or_place() {
    let src = with(
        BASE,
        "    NODE_ENV: \"production\"",
        "    DEPLOY_USER: \"AKIAIOSFODNN7EXAMPLE\"",
    );
    only(K, &src, "buildspec/plaintext-secret", Severity::Error, 4);
    let src = with(
        BASE,
        "      - npm test",
        "      - export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
    );
    only(K, &src, "buildspec/plaintext-secret", Severity::Error, 14);
}

#[test]
fn artifacts_need_a_files_list() {
    let src = with(
        BASE,
        "artifacts:\n  files:\n    - 'dist/**/*'\n",
        "artifacts:\n  name: web\n",
    );
    only(K, &src, "buildspec/artifacts", Severity::Error, 20);
    let src = with(BASE, "  files:\n    - 'dist/**/*'\n", "  files: dist\n");
    only(K, &src, "buildspec/artifacts", Severity::Error, 21);
}

#[test]
fn cache_needs_a_paths_list() {
    let src = with(
        BASE,
        "  paths:\n    - 'node_modules/**/*'\n",
        "  path:\n    - 'node_modules/**/*'\n",
    );
    only(K, &src, "buildspec/cache", Severity::Error, 23);
}

#[test]
fn a_report_group_needs_files() {
    let src = with(BASE, "    files:\n      - junit.xml\n", "");
    only(K, &src, "buildspec/reports", Severity::Error, 16);
}

#[test]
fn an_unknown_report_format_is_an_error_and_case_does_not_matter() {
    let src = with(BASE, "file-format: JUNITXML", "file-format: JUNIT");
    let message = only(K, &src, "buildspec/report-format", Severity::Error, 19);
    assert!(message.contains("Did you mean `JUNITXML`?"), "{message}");
    clean(
        K,
        &with(BASE, "file-format: JUNITXML", "file-format: JunitXml"),
    );
    clean(
        K,
        &with(BASE, "file-format: JUNITXML", "file-format: SIMPLECOV"),
    );
}

#[test]
fn an_unquoted_glob_is_explained_as_an_alias() {
    let src = with(BASE, "    - 'dist/**/*'", "    - **/*");
    let err = lint(K, &src).unwrap_err();
    assert!(err.message.contains("quotes"), "{err}");
}
