//! Sections, resources, types and required properties.

use super::*;

#[test]
fn a_minimal_template_has_no_findings() {
    assert_eq!(findings(&with_resources(TOPIC)), vec![]);
}

#[test]
fn a_template_without_resources_is_an_error() {
    let found = of(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  A: {Type: String}\n",
        "cfn/resources-required",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("no Resources"));
}

#[test]
fn an_empty_resources_section_is_an_error() {
    assert!(fires("Resources: {}\n", "cfn/resources-required"));
    assert!(fires("Resources:\n", "cfn/resources-required"));
}

#[test]
fn a_resources_list_is_an_error() {
    assert!(fires(
        "Resources:\n  - Type: AWS::SNS::Topic\n",
        "cfn/resources-required"
    ));
}

#[test]
fn a_misspelt_section_is_an_error_with_a_hint() {
    let src = format!("{}Output:\n  X:\n    Value: 1\n", with_resources(TOPIC));
    let found = of(&src, "cfn/template-sections");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("did you mean `Outputs`"),
        "{}",
        found[0].message
    );
}

#[test]
fn every_known_section_is_accepted() {
    let src = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: d\nMetadata: {}\nParameters: {}\nRules: {}\nMappings: {}\nConditions: {}\nTransform: AWS::LanguageExtensions\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs: {}\nHooks: {}\n";
    assert!(!fires(src, "cfn/template-sections"));
}

#[test]
fn a_logical_id_with_punctuation_is_an_error() {
    assert!(fires(
        &with_resources("  my-topic:\n    Type: AWS::SNS::Topic\n"),
        "cfn/logical-id"
    ));
    assert!(!fires(
        &with_resources("  MyTopic2:\n    Type: AWS::SNS::Topic\n"),
        "cfn/logical-id"
    ));
}

#[test]
fn a_resource_without_type_is_an_error_on_its_logical_id_line() {
    let src = with_resources("  Topic:\n    Properties: {}\n");
    let found = of(&src, "cfn/resource-type");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 7);
}

#[test]
fn a_malformed_type_is_an_error() {
    assert!(fires(
        &with_resources("  T:\n    Type: S3::Bucket\n"),
        "cfn/resource-type"
    ));
    assert!(fires(
        &with_resources("  T:\n    Type: AWS::S3\n"),
        "cfn/resource-type"
    ));
    assert!(fires(
        &with_resources("  T:\n    Type: !Ref Env\n"),
        "cfn/resource-type"
    ));
}

#[test]
fn custom_and_third_party_types_are_accepted() {
    let src = with_resources(
        "  A:\n    Type: Custom::Seeder\n    Properties:\n      ServiceToken: arn\n  B:\n    Type: AWS::CloudFormation::CustomResource\n    Properties:\n      ServiceToken: arn\n  C:\n    Type: MongoDB::Atlas::Cluster\n  D:\n    Type: MyOrg::Network::Vpc::MODULE\n",
    );
    assert!(!fires(&src, "cfn/resource-type"));
    assert!(!fires(&src, "cfn/unknown-resource-type"));
}

#[test]
fn an_unknown_aws_type_is_a_warning_with_a_case_hint() {
    let found = of(
        &with_resources("  T:\n    Type: AWS::S3::BUCKET\n"),
        "cfn/unknown-resource-type",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].message.contains("Did you mean AWS::S3::Bucket?"));
}

#[test]
fn an_unknown_resource_attribute_is_an_error() {
    let src =
        with_resources("  Topic:\n    Type: AWS::SNS::Topic\n    Propertes:\n      TopicName: t\n");
    let found = of(&src, "cfn/resource-attribute");
    assert_eq!((found[0].line, found[0].col), (9, 5));
    assert!(!fires(&with_resources(TOPIC), "cfn/resource-attribute"));
}

#[test]
fn an_invalid_deletion_policy_value_is_an_error() {
    let src = with_resources("  Topic:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: Keep\n");
    assert!(fires(&src, "cfn/resource-attribute"));
}

#[test]
fn a_snapshot_policy_on_a_bucket_is_an_error_but_fine_on_a_database() {
    let bucket = BUCKET.replace("DeletionPolicy: Retain", "DeletionPolicy: Snapshot");
    assert!(fires(&with_resources(&bucket), "cfn/resource-attribute"));
    let db = "  Db:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n";
    assert!(!fires(&with_resources(db), "cfn/resource-attribute"));
}

#[test]
fn a_missing_required_property_is_an_error_naming_it() {
    let src = with_resources("  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Path: /\n");
    let found = of(&src, "cfn/required-property");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("`AssumeRolePolicyDocument`"));
    assert!(
        found[0]
            .doc
            .as_deref()
            .is_some_and(|d| d.ends_with("aws-resource-iam-role.html"))
    );
}

#[test]
fn a_resource_without_properties_lists_every_required_one() {
    let found = of(
        &with_resources("  P:\n    Type: AWS::CodeBuild::Project\n"),
        "cfn/required-property",
    );
    assert_eq!(found.len(), 1);
    for p in ["Artifacts", "Environment", "ServiceRole", "Source"] {
        assert!(found[0].message.contains(p), "{}", found[0].message);
    }
}

#[test]
fn present_required_properties_pass_even_when_built_by_functions() {
    let src = with_resources(
        "  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Topic\n      Protocol: !If [Never, sqs, email]\n  Topic:\n    Type: AWS::SNS::Topic\n",
    );
    assert!(!fires(&src, "cfn/required-property"));
}
