use super::*;

fn steps(text: &str) -> Vec<Step> {
    text.parse::<DocPath>()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .steps
}

fn key(k: &str) -> Step {
    Step::Key(k.into())
}

#[test]
fn paths_parse_keys_indexes_wildcards_and_quoted_keys() {
    assert_eq!(
        steps("phases.build.commands"),
        [key("phases"), key("build"), key("commands")]
    );
    assert_eq!(
        steps("Resources[0].TargetService"),
        [key("Resources"), Step::Index(0), key("TargetService")]
    );
    assert_eq!(
        steps("containerDefinitions[*].image"),
        [key("containerDefinitions"), Step::Any, key("image")]
    );
    assert_eq!(
        steps("Resources.*.Type"),
        [key("Resources"), Step::Any, key("Type")]
    );
    assert_eq!(
        steps(r#"Resources."My.Bucket[1]".Properties"#),
        [key("Resources"), key("My.Bucket[1]"), key("Properties")]
    );
    assert_eq!(steps(r#""say \"hi\"""#), [key("say \"hi\"")]);
    assert_eq!(steps("[2][*]"), [Step::Index(2), Step::Any]);
    assert_eq!(
        steps("a[1][0].b"),
        [key("a"), Step::Index(1), Step::Index(0), key("b")]
    );
}

#[test]
fn malformed_paths_say_what_is_wrong() {
    for (text, expected) in [
        ("", "empty"),
        ("a..b", "empty key"),
        ("a.", "ends with a dot"),
        ("a[1", "never closed"),
        ("a[x]", "not an index"),
        ("a[-1]", "not an index"),
        (r#"a."b"#, "never closed"),
        (r#"a."b"c"#, "expected `.` or `[`"),
        ("a]", "unexpected `]`"),
    ] {
        let err = text.parse::<DocPath>().unwrap_err();
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}

#[test]
fn paths_reach_values_through_indexes_wildcards_and_quoted_keys() {
    let template = "\
Resources:
  My.Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - Key: team
          Value: web
";
    let cases = [
        (
            r#"Resources."My.Bucket".Type"#,
            "equals = \"AWS::S3::Bucket\"",
            true,
        ),
        ("Resources.My.Bucket.Type", "absent = true", true),
        ("Resources.*.Type", "matches = '^AWS::'", true),
        ("Resources[*].Type", "count_min = 1", true),
        (
            "Resources.Queue.Properties.Tags[0].Value",
            "equals = \"web\"",
            true,
        ),
        ("Resources.Queue.Properties.Tags[1]", "absent = true", true),
        (
            "Resources.Queue.Properties.Tags[*].Key",
            "one_of = [\"team\", \"owner\"]",
            true,
        ),
        ("Resources.*.Properties", "exists = true", false),
        (
            "Resources.*.Properties",
            "exists = true\nfor = \"any\"",
            true,
        ),
        ("Resources.Queue.Type[*]", "absent = true", true),
        ("Resources.Queue.Type.Name", "absent = true", true),
    ];
    for (path, assertion, expected) in cases {
        let ex = exercise("cloudformation", &path_check(path, assertion));
        assert_eq!(passes(&ex, template), expected, "{path} {assertion}");
    }
}

#[test]
fn a_wildcard_over_an_empty_list_reaches_nothing() {
    let doc =
        "version: 0.2\nphases:\n  build:\n    commands:\n      - make\nartifacts:\n  files: []\n";
    let cases = [
        ("artifacts.files[*]", "absent = true", true),
        ("artifacts.files[*]", "matches = '.'", false),
        ("artifacts.files[*]", "matches = '.'\nfor = \"any\"", false),
        ("artifacts.files", "count_max = 0", true),
    ];
    for (path, assertion, expected) in cases {
        let ex = exercise("buildspec", &path_check(path, assertion));
        assert_eq!(passes(&ex, doc), expected, "{path} {assertion}");
    }
}
