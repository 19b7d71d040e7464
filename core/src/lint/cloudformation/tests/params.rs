//! Parameters and Outputs.

use super::*;

fn with_param(param: &str) -> String {
    format!("Parameters:\n  P:\n{param}Resources:\n{TOPIC}")
}

#[test]
fn every_documented_parameter_type_is_accepted() {
    for t in [
        "String",
        "Number",
        "List<Number>",
        "CommaDelimitedList",
        "AWS::EC2::KeyPair::KeyName",
        "AWS::EC2::VPC::Id",
        "List<AWS::EC2::Subnet::Id>",
        "List<AWS::EC2::SecurityGroup::Id>",
        "AWS::Route53::HostedZone::Id",
        "AWS::SSM::Parameter::Name",
        "AWS::SSM::Parameter::Value<String>",
        "AWS::SSM::Parameter::Value<List<String>>",
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
        "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>",
    ] {
        let src = with_param(&format!("    Type: '{t}'\n"));
        assert!(!fires(&src, "cfn/parameter-type"), "{t} was refused");
    }
}

#[test]
fn an_unknown_parameter_type_is_an_error_with_a_case_hint() {
    let found = of(&with_param("    Type: string\n"), "cfn/parameter-type");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("did you mean String?"));
    for t in [
        "Integer",
        "List<String>",
        "List<AWS::EC2::KeyPair::KeyName>",
        "AWS::EC2::Vpc::Id",
        "AWS::SSM::Parameter::Value<Number>",
    ] {
        assert!(
            fires(
                &with_param(&format!("    Type: '{t}'\n")),
                "cfn/parameter-type"
            ),
            "{t} passed"
        );
    }
}

#[test]
fn a_parameter_without_type_is_an_error() {
    assert!(fires(&with_param("    Default: x\n"), "cfn/parameter-type"));
}

#[test]
fn a_default_outside_allowed_values_is_an_error() {
    let bad = with_param("    Type: String\n    Default: prod\n    AllowedValues: [dev, test]\n");
    assert!(
        of(&bad, "cfn/parameter-default")[0]
            .message
            .contains("dev, test")
    );
    let good = with_param("    Type: String\n    Default: dev\n    AllowedValues: [dev, test]\n");
    assert!(!fires(&good, "cfn/parameter-default"));
}

#[test]
fn list_defaults_are_checked_item_by_item() {
    let good = with_param(
        "    Type: CommaDelimitedList\n    Default: 'a, b'\n    AllowedValues: [a, b, c]\n",
    );
    assert!(!fires(&good, "cfn/parameter-default"));
    let bad = with_param(
        "    Type: CommaDelimitedList\n    Default: 'a,z'\n    AllowedValues: [a, b, c]\n",
    );
    assert_eq!(of(&bad, "cfn/parameter-default").len(), 1);
}

#[test]
fn number_defaults_must_be_numbers_within_range() {
    assert!(fires(
        &with_param("    Type: Number\n    Default: ten\n"),
        "cfn/parameter-default"
    ));
    assert!(fires(
        &with_param("    Type: Number\n    Default: 11\n    MaxValue: 10\n"),
        "cfn/parameter-default"
    ));
    assert!(!fires(
        &with_param("    Type: Number\n    Default: 10\n    MinValue: 1\n    MaxValue: 10\n"),
        "cfn/parameter-default"
    ));
}

#[test]
fn string_defaults_must_fit_their_length_limits() {
    assert!(fires(
        &with_param("    Type: String\n    Default: ab\n    MinLength: 3\n"),
        "cfn/parameter-default"
    ));
    assert!(!fires(
        &with_param("    Type: String\n    Default: abc\n    MinLength: 3\n"),
        "cfn/parameter-default"
    ));
}

#[test]
fn a_password_parameter_without_noecho_is_a_warning() {
    let src = "Parameters:\n  DBPassword:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";
    let found = of(src, "cfn/parameter-noecho");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    let masked = src.replace("Type: String\n", "Type: String\n    NoEcho: true\n");
    assert!(!fires(&masked, "cfn/parameter-noecho"));
}

#[test]
fn a_secret_parameter_with_a_default_is_a_hardcoded_secret() {
    let src = "Parameters:\n  ApiToken:\n    Type: String\n    NoEcho: true\n    Default: abc123\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";
    assert!(fires(src, "cfn/hardcoded-secret"));
    assert!(!fires(
        &src.replace("Default: abc123", "Default: ''"),
        "cfn/hardcoded-secret"
    ));
}

#[test]
fn an_output_without_value_is_an_error() {
    let src = format!(
        "{}Outputs:\n  Arn:\n    Description: the topic\n",
        with_resources(TOPIC)
    );
    assert!(fires(&src, "cfn/output-value"));
    let ok = format!(
        "{}Outputs:\n  Arn:\n    Value: !Ref Topic\n",
        with_resources(TOPIC)
    );
    assert!(!fires(&ok, "cfn/output-value"));
}

#[test]
fn an_export_without_name_is_an_error() {
    let src = format!(
        "{}Outputs:\n  Arn:\n    Value: !Ref Topic\n    Export:\n      Value: x\n",
        with_resources(TOPIC)
    );
    assert!(fires(&src, "cfn/output-export-name"));
    let ok = format!(
        "{}Outputs:\n  Arn:\n    Value: !Ref Topic\n    Export:\n      Name: !Sub '${{AWS::StackName}}-Arn'\n",
        with_resources(TOPIC)
    );
    assert!(!fires(&ok, "cfn/output-export-name"));
}

#[test]
fn output_references_are_checked() {
    let src = format!(
        "{}Outputs:\n  Arn:\n    Value: !GetAtt Topic.Nope\n    Condition: Missing\n",
        with_resources(TOPIC)
    );
    assert!(fires(&src, "cfn/getatt-target"));
    assert!(fires(&src, "cfn/condition-target"));
}
