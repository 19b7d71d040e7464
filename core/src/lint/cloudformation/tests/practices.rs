//! S3 buckets, retention of stateful resources, secrets and account ids.

use super::*;

#[test]
fn a_versioned_encrypted_retained_bucket_has_no_findings() {
    assert_eq!(findings(&with_resources(BUCKET)), vec![]);
}

#[test]
fn a_bare_bucket_warns_about_versioning_encryption_and_retention() {
    let found = findings(&with_resources("  Bucket:\n    Type: AWS::S3::Bucket\n"));
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"cfn/s3-versioning"));
    assert!(rules.contains(&"cfn/s3-encryption"));
    assert_eq!(
        rules
            .iter()
            .filter(|r| **r == "cfn/deletion-policy")
            .count(),
        2
    );
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn the_encryption_warning_says_s3_encrypts_by_default() {
    let found = of(
        &with_resources("  Bucket:\n    Type: AWS::S3::Bucket\n"),
        "cfn/s3-encryption",
    );
    assert!(found[0].message.contains("Since January 2023"));
    assert!(found[0].message.contains("SSE-S3"));
}

#[test]
fn suspended_versioning_is_a_warning_but_a_function_is_trusted() {
    let suspended = BUCKET.replace("Status: Enabled", "Status: Suspended");
    assert!(fires(&with_resources(&suspended), "cfn/s3-versioning"));
    let computed = BUCKET.replace("Status: Enabled", "Status: !If [C, Enabled, Suspended]");
    assert!(!fires(&with_resources(&computed), "cfn/s3-versioning"));
}

#[test]
fn a_table_with_delete_policy_is_a_warning_and_rds_is_told_to_snapshot() {
    let table = "  T:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: Delete\n    UpdateReplacePolicy: Retain\n    Properties:\n      KeySchema: []\n";
    let found = of(&with_resources(table), "cfn/deletion-policy");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("Delete"));
    let db = of(
        &with_resources("  Db:\n    Type: AWS::RDS::DBInstance\n"),
        "cfn/deletion-policy",
    );
    assert!(db[0].message.contains("Snapshot"));
    let kept = "  L:\n    Type: AWS::Logs::LogGroup\n    DeletionPolicy: RetainExceptOnCreate\n    UpdateReplacePolicy: Retain\n";
    assert!(!fires(&with_resources(kept), "cfn/deletion-policy"));
    // RetainExceptOnCreate is offered for DeletionPolicy only, where it exists.
    let bare = of(
        &with_resources("  L:\n    Type: AWS::Logs::LogGroup\n"),
        "cfn/deletion-policy",
    );
    let update = bare
        .iter()
        .find(|f| f.message.contains("no UpdateReplacePolicy"))
        .unwrap();
    assert!(
        !update.message.contains("RetainExceptOnCreate"),
        "{}",
        update.message
    );
}

#[test]
fn retain_except_on_create_is_not_an_update_replace_policy() {
    let t = "  L:\n    Type: AWS::Logs::LogGroup\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: RetainExceptOnCreate\n";
    let found = of(&with_resources(t), "cfn/resource-attribute");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message
            .contains("UpdateReplacePolicy must be Delete, Retain or Snapshot")
    );
}

#[test]
fn a_literal_password_is_a_hardcoded_secret() {
    let db = "  Db:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: hunter2hunter2\n";
    let found = of(&with_resources(db), "cfn/hardcoded-secret");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("MasterUserPassword"));
    assert_eq!(found[0].line, 13);
}

#[test]
fn passwords_from_parameters_or_dynamic_references_pass() {
    for value in [
        "!Ref DbPassword",
        "'{{resolve:secretsmanager:prod/db:SecretString:password}}'",
        "!Sub '{{resolve:secretsmanager:${Secret}:SecretString:password}}'",
    ] {
        let src = format!(
            "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\nResources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n  Db:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n    Properties:\n      MasterUserPassword: {value}\n"
        );
        assert!(!fires(&src, "cfn/hardcoded-secret"), "{value}");
    }
}

#[test]
fn settings_that_only_describe_a_secret_are_not_secrets() {
    let pool = "  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      Policies:\n        PasswordPolicy:\n          MinimumLength: 12\n          TemporaryPasswordValidityDays: 7\n      UserPoolName: users\n";
    assert!(!fires(&with_resources(pool), "cfn/hardcoded-secret"));
    let f = "  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {ZipFile: x}\n      Role: r\n      Environment:\n        Variables:\n          SECRET_ARN: arn\n          TOKEN_TABLE: tokens\n          JWT_SECRET: s3cr3t\n";
    let found = of(&with_resources(f), "cfn/hardcoded-secret");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("JWT_SECRET"));
}

#[test]
fn a_secret_in_a_container_environment_is_caught() {
    let td = "  Td:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Environment:\n            - Name: API_TOKEN\n              Value: tok-123\n            - Name: LOG_LEVEL\n              Value: info\n";
    assert_eq!(of(&with_resources(td), "cfn/hardcoded-secret").len(), 1);
}

#[test]
fn codebuild_secrets_manager_variables_are_not_secrets() {
    let p = "  P:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Environment:\n        EnvironmentVariables:\n          - Name: GITHUB_TOKEN\n            Type: SECRETS_MANAGER\n            Value: github:token\n";
    assert!(!fires(&with_resources(p), "cfn/hardcoded-secret"));
}

#[test]
fn names_that_only_point_at_secrets_are_not_secrets() {
    let s = "  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db\n      GenerateSecretString:\n        SecretStringTemplate: '{\"username\": \"app\"}'\n        GenerateStringKey: password\n        PasswordLength: 32\n";
    assert!(!fires(&with_resources(s), "cfn/hardcoded-secret"));
}

#[test]
fn a_hardcoded_account_id_in_an_arn_is_a_warning() {
    let role = "  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      ManagedPolicyArns:\n        - arn:aws:iam::123456789012:policy/Deploy\n";
    let found = of(&with_resources(role), "cfn/hardcoded-account-id");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].message.contains("${AWS::AccountId}"));
}

#[test]
fn the_documentation_placeholder_account_is_still_flagged() {
    let q = "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !Sub 'arn:aws:sqs:${AWS::Region}:111122223333:dlq'\n";
    let found = of(&with_resources(q), "cfn/hardcoded-account-id");
    assert!(found[0].message.contains("placeholder"));
}

#[test]
fn a_bare_twelve_digit_account_is_flagged_but_the_pseudo_parameter_is_not() {
    let p = |v: &str| {
        with_resources(&format!(
            "  P:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: f\n      Principal: s3.amazonaws.com\n      SourceAccount: {v}\n"
        ))
    };
    assert!(fires(&p("'210987654321'"), "cfn/hardcoded-account-id"));
    assert!(fires(&p("210987654321"), "cfn/hardcoded-account-id"));
    assert!(!fires(
        &p("!Ref AWS::AccountId"),
        "cfn/hardcoded-account-id"
    ));
    assert!(!fires(&p("'1234567890123'"), "cfn/hardcoded-account-id"));
}

#[test]
fn aws_managed_policy_arns_have_no_account() {
    let role = "  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n";
    assert!(!fires(&with_resources(role), "cfn/hardcoded-account-id"));
}
