use super::fixture;
use crate::data::drift::{
    DifferenceType, DriftStatus, DriftedProperty, computed_differences, drifted_properties,
    parse_drift_report,
};
use crate::data::{Template, check_drift_answer, normalise_property_path};
use serde_json::json;

fn fixture_drifts() -> Vec<DriftedProperty> {
    drifted_properties(&parse_drift_report(&fixture("drift/drift-report.json")).unwrap())
}

fn template() -> Template {
    Template::parse(&fixture("drift/template.yaml")).unwrap()
}

#[test]
fn the_fixture_report_gives_the_log_group_retention_and_the_added_ingress_rule() {
    let report = parse_drift_report(&fixture("drift/drift-report.json")).unwrap();
    let statuses: Vec<_> = report.resources.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            DriftStatus::Modified,
            DriftStatus::InSync,
            DriftStatus::Modified
        ]
    );
    let drifts = drifted_properties(&report);
    let found: Vec<_> = drifts
        .iter()
        .map(|d| {
            (
                d.logical_id.as_str(),
                d.property_path.as_str(),
                d.difference,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("AppLogGroup", "/RetentionInDays", DifferenceType::NotEqual),
            (
                "WebSecurityGroup",
                "/SecurityGroupIngress/1",
                DifferenceType::Add
            ),
        ]
    );
    assert_eq!(
        (drifts[0].expected.as_str(), drifts[0].actual.as_str()),
        ("30", "7")
    );
    assert_eq!(drifts[0].resource_type, "AWS::Logs::LogGroup");
}

/// Compares values as JSON when both sides are JSON, so key order does not matter.
fn same_value(a: &str, b: &str) -> bool {
    match (
        serde_json::from_str::<serde_json::Value>(a),
        serde_json::from_str::<serde_json::Value>(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[test]
fn the_computed_fallback_equals_the_reported_property_differences() {
    let listed = fixture_drifts();
    let computed = drifted_properties(
        &parse_drift_report(&fixture("drift/drift-report-no-differences.json")).unwrap(),
    );
    assert_eq!(listed.len(), computed.len());
    for (l, c) in listed.iter().zip(&computed) {
        assert_eq!(
            (&l.logical_id, &l.property_path, l.difference),
            (&c.logical_id, &c.property_path, c.difference)
        );
        assert!(
            same_value(&l.expected, &c.expected),
            "{} vs {}",
            l.expected,
            c.expected
        );
        assert!(
            same_value(&l.actual, &c.actual),
            "{} vs {}",
            l.actual,
            c.actual
        );
    }
}

#[test]
fn computed_differences_cover_nesting_removal_addition_and_numbers_as_text() {
    let expected = json!({
        "VersioningConfiguration": {"Status": "Enabled"},
        "Tags": [{"Key": "team", "Value": "shop"}, {"Key": "env", "Value": "prod"}],
        "RetentionInDays": "30",
        "Gone": true
    });
    let actual = json!({
        "VersioningConfiguration": {"Status": "Suspended"},
        "Tags": [{"Key": "team", "Value": "shop"}],
        "RetentionInDays": 30,
        "OnlyLive": 1
    });
    let d = computed_differences(&expected, &actual);
    let got: Vec<_> = d.iter().map(|d| (d.path.as_str(), d.difference)).collect();
    // serde_json keeps keys sorted.
    assert_eq!(
        got,
        [
            ("/Gone", DifferenceType::Remove),
            ("/Tags/1", DifferenceType::Remove),
            ("/VersioningConfiguration/Status", DifferenceType::NotEqual),
        ]
    );
    assert_eq!(d[0].actual, "null");
    assert_eq!(
        (d[2].expected.as_str(), d[2].actual.as_str()),
        ("Enabled", "Suspended")
    );
}

#[test]
fn reported_paths_with_a_properties_prefix_are_normalised() {
    let src = json!({"StackResourceDrift": {
        "LogicalResourceId": "Bucket", "ResourceType": "AWS::S3::Bucket",
        "StackResourceDriftStatus": "MODIFIED",
        "PropertyDifferences": [{"PropertyPath": "/Properties/VersioningConfiguration/Status",
            "ExpectedValue": "Enabled", "ActualValue": "Suspended", "DifferenceType": "NOT_EQUAL"}]
    }})
    .to_string();
    let drifts = drifted_properties(&parse_drift_report(&src).unwrap());
    assert_eq!(drifts[0].property_path, "/VersioningConfiguration/Status");
}

#[test]
fn answer_paths_are_normalised() {
    for (typed, canonical) in [
        ("/Properties/RetentionInDays", "/RetentionInDays"),
        ("Properties/RetentionInDays/", "/RetentionInDays"),
        ("RetentionInDays", "/RetentionInDays"),
        (" /RetentionInDays// ", "/RetentionInDays"),
        (
            "Properties.SecurityGroupIngress.1",
            "/SecurityGroupIngress/1",
        ),
        ("/properties/RetentionInDays", "/properties/RetentionInDays"),
        ("/Properties/", "/"),
    ] {
        assert_eq!(normalise_property_path(typed), canonical, "{typed}");
    }
}

#[test]
fn the_drifted_property_passes_with_or_without_the_properties_prefix() {
    let drifts = fixture_drifts();
    let t = template();
    for (id, path) in [
        ("AppLogGroup", "/Properties/RetentionInDays"),
        ("AppLogGroup", "RetentionInDays/"),
        (" WebSecurityGroup ", "/SecurityGroupIngress/1"),
    ] {
        let c = check_drift_answer(&drifts, Some(&t), id, path);
        assert!(c.passed, "{id} {path}: {}", c.message);
    }
    let c = check_drift_answer(&drifts, Some(&t), "AppLogGroup", "/RetentionInDays");
    assert!(
        c.message
            .contains("the template says 30 but the resource has 7"),
        "{}",
        c.message
    );
}

#[test]
fn wrong_drift_answers_fail_with_a_message_that_points_the_way() {
    let drifts = fixture_drifts();
    let t = template();
    let message = |id: &str, path: &str| {
        let c = check_drift_answer(&drifts, Some(&t), id, path);
        assert!(!c.passed && c.expected_hidden, "{id} {path} passed");
        c.message
    };
    assert!(message("AssetsBucket", "/VersioningConfiguration/Status").contains("has not drifted"));
    assert!(message("Queue", "/DelaySeconds").contains("no resource `Queue`"));
    assert!(message("applogGroup", "/RetentionInDays").contains("case-sensitive"));
    assert!(message("AppLogGroup", "/retentionInDays").contains("case-sensitive"));
    assert!(
        message("WebSecurityGroup", "/SecurityGroupIngress")
            .contains("inside /SecurityGroupIngress")
    );
    assert!(message("WebSecurityGroup", "/SecurityGroupIngress/1/CidrIp").contains("deeper"));
    assert!(message("AppLogGroup", "/LogGroupName").contains("not at /LogGroupName"));
    assert!(message("AppLogGroup", "/Properties").contains("path"));
    assert!(message("", "/RetentionInDays").contains("logical id"));
    // Without the template the checker cannot tell a typo from a resource in sync.
    let c = check_drift_answer(&drifts, None, "Queue", "/DelaySeconds");
    assert!(c.message.contains("No drift was found"), "{}", c.message);
}

#[test]
fn the_template_with_short_tags_gives_types_and_property_lines() {
    let t = template();
    let ids: Vec<_> = t.resources.iter().map(|r| r.logical_id.as_str()).collect();
    assert_eq!(ids, ["AssetsBucket", "WebSecurityGroup", "AppLogGroup"]);
    assert_eq!(
        t.resource("AppLogGroup").unwrap().resource_type.as_deref(),
        Some("AWS::Logs::LogGroup")
    );
    let src = fixture("drift/template.yaml");
    let line_text = |line: usize| src.lines().nth(line - 1).unwrap().trim().to_owned();
    assert_eq!(
        line_text(t.line_of("AppLogGroup", "/RetentionInDays").unwrap()),
        "RetentionInDays: 30"
    );
    // A rule added outside the template points at the list it was added to.
    assert!(
        line_text(
            t.line_of("WebSecurityGroup", "/Properties/SecurityGroupIngress/1")
                .unwrap()
        )
        .starts_with("- IpProtocol")
    );
    assert_eq!(
        line_text(
            t.line_of("AssetsBucket", "VersioningConfiguration/Status")
                .unwrap()
        ),
        "Status: Enabled"
    );
    assert_eq!(t.line_of("Nope", "/X"), None);
}

#[test]
fn a_json_template_is_read_and_a_template_without_resources_is_refused() {
    let t = Template::parse(r#"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}"#).unwrap();
    assert_eq!(t.resources[0].logical_id, "Topic");
    assert!(Template::parse("AWSTemplateFormatVersion: '2010-09-09'\n").is_err());
    assert!(Template::parse("Resources: [unclosed").is_err());
}

#[test]
fn malformed_drift_reports_are_refused_with_a_clear_message() {
    let one = |fields: serde_json::Value| json!({"StackResourceDrifts": [fields]}).to_string();
    let base = json!({"LogicalResourceId": "A", "ResourceType": "T", "StackResourceDriftStatus": "MODIFIED"});
    let with = |key: &str, value: serde_json::Value| {
        let mut b = base.clone();
        b[key] = value;
        one(b)
    };
    for (src, expected) in [
        ("nope".to_owned(), "not valid JSON"),
        (
            json!({"Stacks": []}).to_string(),
            "no `StackResourceDrifts`",
        ),
        (
            one(json!({"ResourceType": "T", "StackResourceDriftStatus": "IN_SYNC"})),
            "LogicalResourceId",
        ),
        (
            with("StackResourceDriftStatus", json!("DRIFTED")),
            "unknown drift status",
        ),
        (
            with("ExpectedProperties", json!("{not json")),
            "ExpectedProperties is not valid JSON",
        ),
        (
            with(
                "PropertyDifferences",
                json!([{"PropertyPath": "/X", "ExpectedValue": "1", "ActualValue": "2", "DifferenceType": "CHANGED"}]),
            ),
            "unknown DifferenceType",
        ),
        (
            format!("{{\"pad\": \"{}\"}}", "x".repeat(6 * 1024 * 1024)),
            "limit of 5 MB",
        ),
    ] {
        let message = parse_drift_report(&src).expect_err(expected).message;
        assert!(
            message.contains(expected),
            "expected `{expected}` in `{message}`"
        );
    }
}
