use super::*;

/// `src` as a whole `exercise.toml` around one check of `kind`.
fn one_check(kind: &str, check: &str) -> String {
    format!(
        "id = \"x\"\nkind = \"{kind}\"\n\n[[checks]]\nid = \"c\"\nmessage = \"m\"\nhint = \"h\"\n{check}\n"
    )
}

#[track_caller]
fn error_on(src: &str, line: usize, text: &str) {
    let errors = spec_errors(src);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{line}: ")) && e.contains(text)),
        "expected `{text}` on line {line}, got {errors:?}"
    );
}

#[test]
fn a_broken_exercise_toml_gives_errors_with_file_and_line() {
    let dir = TempDir::minimal("broken-toml");
    dir.write(
        "exercise.toml",
        "id = \"x\"\nkind = \"buildspec\"\npoints = [\n",
    );
    let errors = load(&dir.0, "m").unwrap_err();
    assert_eq!(errors[0].file, dir.0.join("exercise.toml"));
    assert!(errors[0].line >= 3, "{errors:?}");
    assert!(
        errors[0].to_string().contains("exercise.toml:"),
        "{}",
        errors[0]
    );

    let src = "\
id = \"Bad Id\"
kind = \"buildspek\"
pionts = 3

[[checks]]
id = \"c\"
";
    error_on(src, 1, "must be lower-case");
    error_on(src, 2, "did you mean `buildspec`?");
    error_on(src, 3, "unknown key `pionts` (did you mean `points`?)");
}

#[test]
fn mistakes_in_checks_are_each_reported_on_their_line() {
    let src = "\
id = \"x\"
kind = \"buildspec\"

[[checks]]
id = \"a\"
message = \"m\"
hint = \"h\"
path = \"phases..build\"
exists = true

[[checks]]
id = \"a\"
message = \"m\"
hint = \"h\"
path = \"phases\"
exists = true
type = \"map\"

[[checks]]
id = \"b\"
message = \"m\"
hint = \"h\"
path = \"phases\"
matches = \"(unclosed\"

[[checks]]
id = \"c\"
hint = \"h\"
path = \"version\"
exist = true

[[wrong]]
file = \"wrong/x.yml\"
fails = [\"zzz\"]
";
    error_on(src, 8, "bad path `phases..build`");
    error_on(src, 12, "duplicate check id `a`");
    error_on(src, 17, "give exactly one assertion");
    error_on(src, 24, "not a valid regex");
    error_on(src, 26, "has no `message`");
    error_on(
        src,
        30,
        "unknown key `exist` in a check (did you mean `exists`?)",
    );
    error_on(src, 34, "unknown check `zzz`");
}

#[test]
fn a_check_naming_an_unknown_lint_rule_is_a_load_error() {
    let src = one_check("dockerfile", "rule = \"dockerfile/non-root\"");
    error_on(&src, 8, "unknown lint rule `dockerfile/non-root`");
    error_on(&src, 8, "did you mean `dockerfile/non-root-user`?");
    let src = one_check("buildspec", "rule = \"dockerfile/non-root-user\"");
    error_on(&src, 8, "not one the buildspec linter reports");
    assert!(spec_errors(&one_check("dockerfile", "rule = \"*errors\"")).is_empty());
}

#[test]
fn checks_that_do_not_fit_their_kind_are_load_errors() {
    error_on(
        &one_check("dockerfile", "path = \"FROM\"\nexists = true"),
        8,
        "no document tree",
    );
    error_on(
        &one_check("buildspec", "instruction = \"USER\"\nexists = true"),
        8,
        "are for Dockerfiles",
    );
    error_on(
        &one_check("dockerfile", "instruction = \"USER\"\nequals = \"app\""),
        9,
        "does not apply to an `instruction` check",
    );
    error_on(
        &one_check("dockerfile", "instruction = \"FORM\"\nexists = true"),
        8,
        "not a Dockerfile instruction",
    );
    error_on(
        &one_check("buildspec", "rule = \"*errors\"\npath = \"version\""),
        9,
        "give exactly one",
    );
    error_on(
        &one_check("buildspec", "rule = \"*errors\"\nexists = true"),
        9,
        "does not apply to a `rule` check",
    );
    error_on(
        &one_check("buildspec", "path = \"version\""),
        8,
        "needs one assertion",
    );
    error_on(
        &one_check("buildspec", "path = \"version\"\nexists = false"),
        9,
        "`absent = true` for the opposite",
    );
    error_on(
        &one_check("buildspec", "path = \"version\"\ntype = \"integer\""),
        9,
        "unknown type `integer`",
    );
    error_on(
        &one_check("buildspec", "path = \"version\"\ncount_min = -1"),
        9,
        "`count_min` must be a whole number, 0 or more",
    );
    error_on(
        "id = \"x\"\nkind = \"buildspec\"\n[data]\nx = 1\n[[checks]]\nid = \"c\"\nmessage = \"m\"\nhint = \"h\"\nrule = \"*errors\"\n",
        3,
        "`[data]` is for the data kinds",
    );
}

#[test]
fn defaults_fill_points_files_and_policy() {
    let ex = exercise(
        "ecs-task-definition",
        &path_check("family", "exists = true"),
    );
    assert_eq!(ex.points, 10);
    assert_eq!(ex.policy.after_failed, None);
    let src = one_check("ecs-task-definition", "path = \"family\"\nexists = true");
    let spec = spec::parse(&src, Path::new("exercise.toml")).unwrap();
    assert_eq!(spec.starter.0, "starter.json");
    assert_eq!(spec.solution.0, "solution.json");
}

#[test]
fn a_missing_translation_falls_back_to_english_and_a_title_to_the_english_one() {
    let dir = TempDir::minimal("fallback");
    let ex = load(&dir.0, "m").unwrap();
    assert!(ex.instructions_vi.is_none());
    assert_eq!(ex.instructions(Lang::Vi), (&ex.instructions_en, true));
    dir.write("instructions.vi.md", "Chạy test.\n");
    let ex = load(&dir.0, "m").unwrap();
    let vi = ex.instructions_vi.as_ref().unwrap();
    assert_eq!(vi.title, "Tests");
    assert_eq!(vi.markdown, "Chạy test.\n");
}

#[test]
fn instructions_need_a_title_and_the_named_files_must_exist() {
    let dir = TempDir::minimal("no-title");
    dir.write("instructions.md", "Run them.\n");
    std::fs::remove_file(dir.0.join("solution.yml")).unwrap();
    let errors = load(&dir.0, "m").unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let text = text.join("\n");
    assert!(
        text.contains("instructions.md:1: the instructions have no `title`"),
        "{text}"
    );
    assert!(text.contains("`solution.yml` does not exist"), "{text}");
}

#[test]
fn oversized_binary_and_escaping_files_are_refused() {
    let dir = TempDir::minimal("limits");
    dir.write("starter.yml", "a: b\n".repeat(60_000));
    dir.write("solution.yml", b"version: 0.2\n\xff\xfe\n");
    dir.write(
        "exercise.toml",
        "id = \"tests\"\nkind = \"buildspec\"\n\n[[checks]]\nid = \"t\"\nrule = \"*errors\"\nmessage = \"m\"\nhint = \"h\"\n\n[[wrong]]\nfile = \"../../etc/passwd\"\nfails = [\"t\"]\n",
    );
    let errors = load(&dir.0, "m").unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let text = text.join("\n");
    assert!(
        text.contains("starter.yml:0: the file is 293 KB; exercise files are limited to 256 KB"),
        "{text}"
    );
    assert!(
        text.contains("solution.yml:2: the file is not valid UTF-8"),
        "{text}"
    );
    assert!(
        text.contains("exercise.toml:11: `../../etc/passwd` must be a file name inside"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_not_followed() {
    let outside = TempDir::new("outside");
    outside.write("secret.yml", "version: 0.2\n");
    let dir = TempDir::minimal("symlink");
    std::fs::remove_file(dir.0.join("starter.yml")).unwrap();
    std::os::unix::fs::symlink(outside.0.join("secret.yml"), dir.0.join("starter.yml")).unwrap();
    let errors = load(&dir.0, "m").unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("leads outside the exercise folder"),
        "{errors:?}"
    );
    std::fs::remove_file(dir.0.join("starter.yml")).unwrap();
    std::os::unix::fs::symlink(dir.0.join("solution.yml"), dir.0.join("starter.yml")).unwrap();
    assert!(
        load(&dir.0, "m").is_ok(),
        "a symlink inside the folder is fine"
    );
}

#[test]
fn duplicate_exercise_ids_in_a_module_are_an_error() {
    let module = TempDir::new("module");
    for folder in ["01-a", "02-b"] {
        let one = TempDir::minimal(&format!("dup-{folder}"));
        for name in [
            "exercise.toml",
            "instructions.md",
            "starter.yml",
            "solution.yml",
        ] {
            module.write(
                &format!("exercises/{folder}/{name}"),
                std::fs::read(one.0.join(name)).unwrap(),
            );
        }
    }
    let (exercises, errors) = load_all(&module.0, "m");
    assert_eq!(exercises.len(), 1);
    assert!(
        errors[0].message.contains("duplicate exercise id `tests`"),
        "{errors:?}"
    );
    let (none, errors) = load_all(&module.0.join("nowhere"), "m");
    assert!(none.is_empty() && errors.is_empty());
}
