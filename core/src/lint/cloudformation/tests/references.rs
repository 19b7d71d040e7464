//! Ref, GetAtt, Sub, DependsOn, conditions, mappings, cycles, tags and function shapes.

use super::*;

fn topic_with(props: &str) -> String {
    with_resources(&format!(
        "{TOPIC}  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n{props}"
    ))
}

#[test]
fn every_short_form_tag_is_accepted() {
    let src = "AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: dev}
Mappings:
  M:
    dev: {Size: '1'}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  Both: !And [!Condition IsDev, !Or [!Condition IsDev, !Not [!Condition IsDev]]]
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ['-', [!Ref Env, !Select [0, !Split [',', 'a,b']], !GetAtt Topic.TopicName]]
      Tags:
        - Key: a
          Value: !If [Both, !Base64 x, !ImportValue other-stack-Export]
        - Key: b
          Value: !Select [0, !Cidr [10.0.0.0/16, 2, 8]]
        - Key: c
          Value: !Select [0, !GetAZs '']
        - Key: d
          Value: !FindInMap [M, !Ref Env, Size]
        - Key: e
          Value: !Sub '${Topic.TopicName}-${AWS::Region}'
        - Key: f
          Value: !GetAtt [Topic, TopicArn]
";
    assert_eq!(errors(src), vec![]);
}

#[test]
fn an_unknown_tag_is_an_error_with_a_case_hint() {
    let found = of(
        &topic_with("      QueueName: !ref Env\n"),
        "cfn/unknown-tag",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("did you mean !Ref"));
    assert!(fires(
        &topic_with("      QueueName: !Frobnicate x\n"),
        "cfn/unknown-tag"
    ));
}

#[test]
fn an_unknown_long_form_function_is_an_error() {
    assert!(fires(
        &topic_with("      QueueName: {'Fn::Concat': [a, b]}\n"),
        "cfn/unknown-function"
    ));
}

#[test]
fn a_ref_to_a_missing_name_is_an_error_with_a_suggestion() {
    let found = of(
        &topic_with("      QueueName: !Ref Topc\n"),
        "cfn/ref-target",
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("did you mean `Topic`"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].line, 12);
}

#[test]
fn refs_to_parameters_resources_and_pseudo_parameters_resolve() {
    let src = topic_with(
        "      QueueName: !Ref Env\n      Tags:\n        - {Key: t, Value: !Ref Topic}\n        - {Key: r, Value: {Ref: 'AWS::Region'}}\n        - {Key: u, Value: !Ref AWS::URLSuffix}\n",
    );
    assert!(!fires(&src, "cfn/ref-target"));
}

#[test]
fn a_made_up_pseudo_parameter_is_an_error() {
    let found = of(
        &topic_with("      QueueName: !Ref AWS::Account\n"),
        "cfn/ref-target",
    );
    assert!(found[0].message.contains("not a pseudo parameter"));
}

#[test]
fn getatt_needs_an_existing_resource_and_a_known_attribute() {
    assert!(fires(
        &topic_with("      QueueName: !GetAtt Nope.TopicName\n"),
        "cfn/getatt-target"
    ));
    let found = of(
        &topic_with("      QueueName: !GetAtt Topic.Arn\n"),
        "cfn/getatt-target",
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("TopicArn"),
        "{}",
        found[0].message
    );
    assert!(!fires(
        &topic_with("      QueueName: !GetAtt Topic.TopicName\n"),
        "cfn/getatt-target"
    ));
    assert!(!fires(
        &topic_with("      QueueName: {'Fn::GetAtt': [Topic, TopicName]}\n"),
        "cfn/getatt-target"
    ));
}

#[test]
fn getatt_on_a_parameter_is_an_error_that_says_to_use_ref() {
    let found = of(
        &topic_with("      QueueName: !GetAtt Env.Value\n"),
        "cfn/getatt-target",
    );
    assert!(found[0].message.contains("use Ref"));
}

#[test]
fn getatt_attributes_of_unverified_or_custom_types_are_not_judged() {
    let src = with_resources(
        "  C:\n    Type: Custom::Thing\n    Properties: {ServiceToken: x}\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: x}\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Join ['', [!GetAtt C.Anything, !GetAtt S.Outputs.Name]]\n",
    );
    assert!(!fires(&src, "cfn/getatt-target"));
}

#[test]
fn getatt_with_a_ref_attribute_name_is_accepted() {
    let src = topic_with("      QueueName: !GetAtt [Topic, !Ref Env]\n");
    assert!(!fires(&src, "cfn/getatt-target"));
    assert!(!fires(&src, "cfn/intrinsic-shape"));
}

#[test]
fn sub_variables_must_resolve() {
    let found = of(
        &topic_with("      QueueName: !Sub '${Env}-${Missing}'\n"),
        "cfn/sub-variable",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("${Missing}"));
    assert!(fires(
        &topic_with("      QueueName: !Sub '${Topic.Nope}'\n"),
        "cfn/sub-variable"
    ));
    assert!(!fires(
        &topic_with("      QueueName: !Sub '${Topic.TopicName}-${AWS::StackName}'\n"),
        "cfn/sub-variable"
    ));
}

#[test]
fn an_unescaped_iam_policy_variable_in_sub_gets_an_escape_hint() {
    let found = of(
        &topic_with("      QueueName: !Sub 'arn:aws:s3:::b/${aws:username}/*'\n"),
        "cfn/sub-variable",
    );
    assert!(
        found[0].message.contains("${!aws:username}"),
        "{}",
        found[0].message
    );
}

#[test]
fn sub_literal_escapes_and_variable_maps_are_honoured() {
    let src = topic_with(
        "      QueueName: !Sub\n        - '${Prefix}-${!NotAVariable}-${Env}'\n        - Prefix: !Sub\n            - '${Inner}x'\n            - Inner: !GetAtt Topic.TopicName\n",
    );
    assert!(!fires(&src, "cfn/sub-variable"));
    assert!(!fires(&src, "cfn/getatt-target"));
}

#[test]
fn a_sub_variable_in_a_literal_block_is_reported_on_its_own_line() {
    let src = topic_with("      QueueName: !Sub |\n        first ${Env}\n        second ${Nope}\n");
    let found = of(&src, "cfn/sub-variable");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 14);
}

#[test]
fn a_sub_variable_in_a_long_form_block_is_reported_on_its_own_line() {
    let src = topic_with(
        "      QueueName:\n        Fn::Sub: |\n          first ${Env}\n          second ${Nope}\n",
    );
    assert_eq!(of(&src, "cfn/sub-variable")[0].line, 15);
}

#[test]
fn depends_on_targets_must_be_resources() {
    let src = with_resources(&format!(
        "{TOPIC}  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: [Topic, Topik]\n"
    ));
    let found = of(&src, "cfn/depends-on-target");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("did you mean `Topic`"));
    let ok = with_resources(&format!(
        "{TOPIC}  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Topic\n"
    ));
    assert!(!fires(&ok, "cfn/depends-on-target"));
}

#[test]
fn depends_on_a_parameter_is_an_error() {
    let src = with_resources(&format!(
        "{TOPIC}  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Env\n"
    ));
    assert!(
        of(&src, "cfn/depends-on-target")[0]
            .message
            .contains("parameter")
    );
}

#[test]
fn condition_names_must_exist() {
    let base = "Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n";
    let bad = format!(
        "{}{base}",
        with_resources("  T:\n    Type: AWS::SNS::Topic\n    Condition: IsPrd\n")
    );
    let found = of(&bad, "cfn/condition-target");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("did you mean `IsProd`"));
    let good = format!(
        "{}{base}",
        with_resources(
            "  T:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n    Properties:\n      TopicName: !If [IsProd, a, !Ref AWS::NoValue]\n"
        )
    );
    assert!(!fires(&good, "cfn/condition-target"));
}

#[test]
fn fn_if_and_condition_functions_check_their_names_too() {
    assert!(fires(
        &topic_with("      QueueName: !If [Nope, a, b]\n"),
        "cfn/condition-target"
    ));
    let src = format!(
        "{}Conditions:\n  A: !Equals [!Ref Env, x]\n  B: !And [!Condition A, {{Condition: Missing}}]\n",
        with_resources(TOPIC)
    );
    assert_eq!(of(&src, "cfn/condition-target").len(), 1);
}

#[test]
fn conditions_cannot_refer_to_resources() {
    let src = format!(
        "{}Conditions:\n  A: !Equals [!Ref Topic, x]\n",
        with_resources(TOPIC)
    );
    assert!(
        of(&src, "cfn/ref-target")[0]
            .message
            .contains("conditions can only use parameters")
    );
}

#[test]
fn find_in_map_needs_the_mapping_and_its_literal_keys() {
    let mappings = "Mappings:\n  Sizes:\n    dev: {Count: 1}\n";
    let t = |q: &str| {
        format!(
            "{}{mappings}",
            topic_with(&format!("      DelaySeconds: {q}\n"))
        )
    };
    assert!(!fires(
        &t("!FindInMap [Sizes, !Ref Env, Count]"),
        "cfn/mapping-target"
    ));
    assert!(!fires(
        &t("!FindInMap [Sizes, dev, Count]"),
        "cfn/mapping-target"
    ));
    assert!(fires(
        &t("!FindInMap [Size, dev, Count]"),
        "cfn/mapping-target"
    ));
    assert!(fires(
        &t("!FindInMap [Sizes, prod, Count]"),
        "cfn/mapping-target"
    ));
    assert!(fires(
        &t("!FindInMap [Sizes, dev, Cnt]"),
        "cfn/mapping-target"
    ));
}

#[test]
fn functions_with_the_wrong_shape_are_errors() {
    for bad in [
        "!If [OnlyTwo, a]",
        "!Join [',']",
        "!Select 0",
        "!GetAtt JustAName",
        "!Sub [a, b, c]",
        "!Equals [a]",
        "!FindInMap [M, k]",
        "!Ref ''",
    ] {
        let src = topic_with(&format!("      QueueName: {bad}\n"));
        assert!(fires(&src, "cfn/intrinsic-shape"), "{bad} passed");
    }
}

#[test]
fn a_dependency_cycle_is_reported_with_its_path() {
    let src = with_resources(
        "  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt B.QueueName\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${C}'\n  C:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n",
    );
    let found = of(&src, "cfn/dependency-cycle");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("A → B → C → A"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].line, 7);
}

#[test]
fn a_resource_referring_to_itself_is_a_cycle() {
    let src = with_resources(
        "  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt A.QueueName\n",
    );
    assert!(
        of(&src, "cfn/dependency-cycle")[0]
            .message
            .contains("refers to itself")
    );
}

#[test]
fn a_diamond_of_dependencies_is_not_a_cycle() {
    let src = with_resources(
        "  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n  C:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n  D:\n    Type: AWS::SQS::Queue\n    DependsOn: [B, C]\n",
    );
    assert!(!fires(&src, "cfn/dependency-cycle"));
}

#[test]
fn sam_templates_only_warn_about_names_sam_may_create() {
    let src = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a\nOutputs:\n  R:\n    Value: !GetAtt FnRole.Arn\n";
    let found = of(src, "cfn/getatt-target");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(!fires(src, "cfn/unknown-resource-type"));
}

#[test]
fn findings_link_to_the_function_documentation() {
    let found = of(
        &topic_with("      QueueName: !Ref Nope\n"),
        "cfn/ref-target",
    );
    assert!(
        found[0]
            .doc
            .as_deref()
            .is_some_and(|d| d.contains("intrinsic-function-reference-ref"))
    );
}
