//! The resource types this linter knows: their required properties and the attributes
//! `Fn::GetAtt` may read.
//!
//! Taken from the CloudFormation resource schemas (the `required` and
//! `readOnlyProperties` lists of each type's registry schema, as shipped with cfn-lint)
//! and the Template Reference pages. Where the two disagree, or a property is only
//! "conditionally" required (VPC `CidrBlock` or `Ipv4IpamPoolId`, load balancer `Subnets`
//! or `SubnetMappings`), nothing is required: a false error on a valid template is worse
//! than a missed one. `attrs: None` means "not verified, accept any attribute".

/// What the linter knows about one resource type.
pub(super) struct ResourceSpec {
    /// `AWS::Service::Resource`.
    pub name: &'static str,
    /// Properties CloudFormation refuses to create the resource without.
    pub required: &'static [&'static str],
    /// Every attribute `Fn::GetAtt` accepts, when verified.
    pub attrs: Option<&'static [&'static str]>,
}

const fn spec(
    name: &'static str,
    required: &'static [&'static str],
    attrs: Option<&'static [&'static str]>,
) -> ResourceSpec {
    ResourceSpec {
        name,
        required,
        attrs,
    }
}

/// The table, sorted by name.
pub(super) const SPECS: &[ResourceSpec] = &[
    spec(
        "AWS::ApiGateway::RestApi",
        &[],
        Some(&["RestApiId", "RootResourceId"]),
    ),
    spec(
        "AWS::CloudFront::Distribution",
        &["DistributionConfig"],
        Some(&["DomainName", "Id"]),
    ),
    spec(
        "AWS::CloudWatch::Alarm",
        &["ComparisonOperator", "EvaluationPeriods"],
        Some(&["Arn"]),
    ),
    spec(
        "AWS::CodeBuild::Project",
        &["Artifacts", "Environment", "ServiceRole", "Source"],
        Some(&["Arn", "Id"]),
    ),
    spec("AWS::CodeDeploy::Application", &[], None),
    spec(
        "AWS::CodeDeploy::DeploymentGroup",
        &["ApplicationName", "ServiceRoleArn"],
        None,
    ),
    spec(
        "AWS::CodePipeline::Pipeline",
        &["RoleArn", "Stages"],
        Some(&["Version"]),
    ),
    spec(
        "AWS::DynamoDB::Table",
        &["KeySchema"],
        Some(&["Arn", "StreamArn"]),
    ),
    spec("AWS::EC2::EIP", &[], Some(&["AllocationId", "PublicIp"])),
    spec("AWS::EC2::Instance", &[], None),
    spec(
        "AWS::EC2::InternetGateway",
        &[],
        Some(&["InternetGatewayId"]),
    ),
    spec(
        "AWS::EC2::NatGateway",
        &["SubnetId"],
        Some(&["NatGatewayId"]),
    ),
    spec("AWS::EC2::Route", &["RouteTableId"], Some(&["CidrBlock"])),
    spec("AWS::EC2::RouteTable", &["VpcId"], Some(&["RouteTableId"])),
    spec(
        "AWS::EC2::SecurityGroup",
        &["GroupDescription"],
        Some(&["GroupId", "Id", "VpcId"]),
    ),
    spec(
        "AWS::EC2::Subnet",
        &["VpcId"],
        Some(&[
            "AvailabilityZone",
            "AvailabilityZoneId",
            "BlockPublicAccessStates",
            "BlockPublicAccessStates.InternetGatewayBlockMode",
            "CidrBlock",
            "Ipv6CidrBlocks",
            "NetworkAclAssociationId",
            "OutpostArn",
            "SubnetId",
            "VpcId",
        ]),
    ),
    spec(
        "AWS::EC2::SubnetRouteTableAssociation",
        &["RouteTableId", "SubnetId"],
        Some(&["Id"]),
    ),
    spec(
        "AWS::EC2::VPC",
        &[],
        Some(&[
            "CidrBlock",
            "CidrBlockAssociations",
            "DefaultNetworkAcl",
            "DefaultSecurityGroup",
            "Ipv6CidrBlocks",
            "VpcId",
        ]),
    ),
    spec("AWS::EC2::VPCGatewayAttachment", &["VpcId"], None),
    spec("AWS::ECR::Repository", &[], Some(&["Arn", "RepositoryUri"])),
    spec("AWS::ECS::Cluster", &[], Some(&["Arn"])),
    spec("AWS::ECS::Service", &[], Some(&["Name", "ServiceArn"])),
    spec(
        "AWS::ECS::TaskDefinition",
        &[],
        Some(&["TaskDefinitionArn"]),
    ),
    spec("AWS::EFS::FileSystem", &[], Some(&["Arn", "FileSystemId"])),
    spec(
        "AWS::ElasticLoadBalancingV2::Listener",
        &["DefaultActions", "LoadBalancerArn"],
        Some(&["ListenerArn"]),
    ),
    spec(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        &[],
        Some(&[
            "CanonicalHostedZoneID",
            "DNSName",
            "LoadBalancerArn",
            "LoadBalancerFullName",
            "LoadBalancerName",
            "SecurityGroups",
        ]),
    ),
    spec(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        &[],
        Some(&[
            "LoadBalancerArns",
            "TargetGroupArn",
            "TargetGroupFullName",
            "TargetGroupName",
        ]),
    ),
    spec("AWS::IAM::InstanceProfile", &["Roles"], Some(&["Arn"])),
    spec(
        "AWS::IAM::ManagedPolicy",
        &["PolicyDocument"],
        Some(&[
            "AttachmentCount",
            "CreateDate",
            "DefaultVersionId",
            "IsAttachable",
            "PermissionsBoundaryUsageCount",
            "PolicyArn",
            "PolicyId",
            "UpdateDate",
        ]),
    ),
    spec("AWS::IAM::Policy", &["PolicyDocument", "PolicyName"], None),
    spec(
        "AWS::IAM::Role",
        &["AssumeRolePolicyDocument"],
        Some(&["Arn", "RoleId"]),
    ),
    spec("AWS::KMS::Key", &[], Some(&["Arn", "KeyId"])),
    spec(
        "AWS::Lambda::Function",
        &["Code", "Role"],
        Some(&[
            "Arn",
            "SnapStartResponse",
            "SnapStartResponse.ApplyOn",
            "SnapStartResponse.OptimizationStatus",
        ]),
    ),
    spec(
        "AWS::Lambda::Permission",
        &["Action", "FunctionName", "Principal"],
        None,
    ),
    spec("AWS::Logs::LogGroup", &[], Some(&["Arn"])),
    spec(
        "AWS::RDS::DBCluster",
        &[],
        Some(&[
            "DBClusterArn",
            "DBClusterResourceId",
            "Endpoint",
            "Endpoint.Address",
            "Endpoint.Port",
            "MasterUserSecret.SecretArn",
            "ReadEndpoint.Address",
            "StorageThroughput",
        ]),
    ),
    spec(
        "AWS::RDS::DBInstance",
        &[],
        Some(&[
            "CertificateDetails.CAIdentifier",
            "CertificateDetails.ValidTill",
            "DBInstanceArn",
            "DBSystemId",
            "DbiResourceId",
            "Endpoint.Address",
            "Endpoint.HostedZoneId",
            "Endpoint.Port",
            "MasterUserSecret.SecretArn",
        ]),
    ),
    spec(
        "AWS::S3::Bucket",
        &[],
        Some(&[
            "Arn",
            "DomainName",
            "DualStackDomainName",
            "MetadataTableConfiguration.S3TablesDestination.TableArn",
            "MetadataTableConfiguration.S3TablesDestination.TableNamespace",
            "RegionalDomainName",
            "WebsiteURL",
        ]),
    ),
    spec("AWS::S3::BucketPolicy", &["Bucket", "PolicyDocument"], None),
    spec("AWS::SNS::Subscription", &["Protocol", "TopicArn"], None),
    spec("AWS::SNS::Topic", &[], Some(&["TopicArn", "TopicName"])),
    spec(
        "AWS::SQS::Queue",
        &[],
        Some(&["Arn", "QueueName", "QueueUrl"]),
    ),
    spec(
        "AWS::SSM::Parameter",
        &["Type", "Value"],
        Some(&["Type", "Value"]),
    ),
    spec("AWS::SecretsManager::Secret", &[], None),
];

/// Further types in common use, known by name only: no warning for them, and nothing
/// checked beyond what every resource gets.
const NAMES_ONLY: &[&str] = &[
    "AWS::ApiGateway::Account",
    "AWS::ApiGateway::ApiKey",
    "AWS::ApiGateway::Authorizer",
    "AWS::ApiGateway::BasePathMapping",
    "AWS::ApiGateway::Deployment",
    "AWS::ApiGateway::DomainName",
    "AWS::ApiGateway::GatewayResponse",
    "AWS::ApiGateway::Method",
    "AWS::ApiGateway::Model",
    "AWS::ApiGateway::RequestValidator",
    "AWS::ApiGateway::Resource",
    "AWS::ApiGateway::Stage",
    "AWS::ApiGateway::UsagePlan",
    "AWS::ApiGateway::UsagePlanKey",
    "AWS::ApiGatewayV2::Api",
    "AWS::ApiGatewayV2::Authorizer",
    "AWS::ApiGatewayV2::Deployment",
    "AWS::ApiGatewayV2::Integration",
    "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Stage",
    "AWS::AppRunner::Service",
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::AutoScaling::LaunchConfiguration",
    "AWS::AutoScaling::LifecycleHook",
    "AWS::AutoScaling::ScalingPolicy",
    "AWS::AutoScaling::ScheduledAction",
    "AWS::Backup::BackupPlan",
    "AWS::Backup::BackupSelection",
    "AWS::Backup::BackupVault",
    "AWS::CertificateManager::Certificate",
    "AWS::CloudFormation::CustomResource",
    "AWS::CloudFormation::Stack",
    "AWS::CloudFormation::WaitCondition",
    "AWS::CloudFormation::WaitConditionHandle",
    "AWS::CloudFront::CachePolicy",
    "AWS::CloudFront::CloudFrontOriginAccessIdentity",
    "AWS::CloudFront::Function",
    "AWS::CloudFront::OriginAccessControl",
    "AWS::CloudFront::OriginRequestPolicy",
    "AWS::CloudFront::ResponseHeadersPolicy",
    "AWS::CloudTrail::Trail",
    "AWS::CloudWatch::AnomalyDetector",
    "AWS::CloudWatch::CompositeAlarm",
    "AWS::CloudWatch::Dashboard",
    "AWS::CodeArtifact::Domain",
    "AWS::CodeArtifact::Repository",
    "AWS::CodeCommit::Repository",
    "AWS::CodeDeploy::DeploymentConfig",
    "AWS::CodeStarConnections::Connection",
    "AWS::CodeStarNotifications::NotificationRule",
    "AWS::Cognito::IdentityPool",
    "AWS::Cognito::UserPool",
    "AWS::Cognito::UserPoolClient",
    "AWS::Cognito::UserPoolDomain",
    "AWS::Config::ConfigRule",
    "AWS::DynamoDB::GlobalTable",
    "AWS::EC2::EIPAssociation",
    "AWS::EC2::EgressOnlyInternetGateway",
    "AWS::EC2::FlowLog",
    "AWS::EC2::KeyPair",
    "AWS::EC2::LaunchTemplate",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::NetworkInterface",
    "AWS::EC2::PrefixList",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::VPCCidrBlock",
    "AWS::EC2::VPCEndpoint",
    "AWS::EC2::VPCEndpointService",
    "AWS::EC2::Volume",
    "AWS::EC2::VolumeAttachment",
    "AWS::ECR::PullThroughCacheRule",
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ECS::PrimaryTaskSet",
    "AWS::ECS::TaskSet",
    "AWS::EFS::AccessPoint",
    "AWS::EFS::MountTarget",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::SubnetGroup",
    "AWS::ElasticLoadBalancing::LoadBalancer",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::Events::EventBus",
    "AWS::Events::Rule",
    "AWS::GuardDuty::Detector",
    "AWS::IAM::AccessKey",
    "AWS::IAM::Group",
    "AWS::IAM::OIDCProvider",
    "AWS::IAM::ServiceLinkedRole",
    "AWS::IAM::User",
    "AWS::KMS::Alias",
    "AWS::Kinesis::Stream",
    "AWS::KinesisFirehose::DeliveryStream",
    "AWS::Lambda::Alias",
    "AWS::Lambda::EventInvokeConfig",
    "AWS::Lambda::EventSourceMapping",
    "AWS::Lambda::LayerVersion",
    "AWS::Lambda::Url",
    "AWS::Lambda::Version",
    "AWS::Logs::Destination",
    "AWS::Logs::LogStream",
    "AWS::Logs::MetricFilter",
    "AWS::Logs::SubscriptionFilter",
    "AWS::RDS::DBClusterParameterGroup",
    "AWS::RDS::DBParameterGroup",
    "AWS::RDS::DBProxy",
    "AWS::RDS::DBSubnetGroup",
    "AWS::RDS::OptionGroup",
    "AWS::Route53::HostedZone",
    "AWS::Route53::RecordSet",
    "AWS::Route53::RecordSetGroup",
    "AWS::S3::AccessPoint",
    "AWS::SNS::TopicInlinePolicy",
    "AWS::SNS::TopicPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::SSM::Association",
    "AWS::SSM::Document",
    "AWS::Scheduler::Schedule",
    "AWS::SecretsManager::ResourcePolicy",
    "AWS::SecretsManager::RotationSchedule",
    "AWS::SecretsManager::SecretTargetAttachment",
    "AWS::ServiceDiscovery::PrivateDnsNamespace",
    "AWS::ServiceDiscovery::Service",
    "AWS::StepFunctions::Activity",
    "AWS::StepFunctions::StateMachine",
    "AWS::WAFv2::WebACL",
    "AWS::WAFv2::WebACLAssociation",
];

/// The spec of `type_name`, when it is in the table.
pub(super) fn find(type_name: &str) -> Option<&'static ResourceSpec> {
    SPECS
        .binary_search_by(|s| s.name.cmp(type_name))
        .ok()
        .map(|i| &SPECS[i])
}

/// True when the linter knows the type at all (with or without a spec).
pub(super) fn is_known(type_name: &str) -> bool {
    find(type_name).is_some() || NAMES_ONLY.contains(&type_name)
}

/// The Template Reference page of a resource type
/// (`AWS::S3::Bucket` → `.../aws-resource-s3-bucket.html`).
pub(super) fn doc_url(type_name: &str) -> String {
    let slug: Vec<String> = type_name
        .split("::")
        .skip(1)
        .map(str::to_ascii_lowercase)
        .collect();
    format!(
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-{}.html",
        slug.join("-")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_so_lookups_can_bisect() {
        for pair in SPECS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} >= {}",
                pair[0].name,
                pair[1].name
            );
        }
        assert!(find("AWS::S3::Bucket").is_some());
        assert!(find("AWS::S3::Nope").is_none());
    }

    #[test]
    fn the_workshop_types_are_all_in_the_table() {
        for name in [
            "AWS::S3::Bucket",
            "AWS::S3::BucketPolicy",
            "AWS::IAM::Role",
            "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy",
            "AWS::Lambda::Function",
            "AWS::DynamoDB::Table",
            "AWS::SNS::Topic",
            "AWS::SQS::Queue",
            "AWS::EC2::VPC",
            "AWS::EC2::Subnet",
            "AWS::EC2::SecurityGroup",
            "AWS::EC2::Instance",
            "AWS::EC2::InternetGateway",
            "AWS::EC2::VPCGatewayAttachment",
            "AWS::EC2::RouteTable",
            "AWS::EC2::Route",
            "AWS::EC2::SubnetRouteTableAssociation",
            "AWS::ECS::Cluster",
            "AWS::ECS::Service",
            "AWS::ECS::TaskDefinition",
            "AWS::ECR::Repository",
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            "AWS::ElasticLoadBalancingV2::Listener",
            "AWS::Logs::LogGroup",
            "AWS::CloudWatch::Alarm",
            "AWS::RDS::DBInstance",
            "AWS::CodeBuild::Project",
            "AWS::CodePipeline::Pipeline",
            "AWS::CodeDeploy::Application",
            "AWS::CodeDeploy::DeploymentGroup",
            "AWS::KMS::Key",
            "AWS::SecretsManager::Secret",
            "AWS::SSM::Parameter",
            "AWS::ApiGateway::RestApi",
            "AWS::CloudFront::Distribution",
        ] {
            assert!(find(name).is_some(), "{name} is missing");
        }
    }

    #[test]
    fn doc_urls_follow_the_template_reference_scheme() {
        assert_eq!(
            doc_url("AWS::ElasticLoadBalancingV2::TargetGroup"),
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html"
        );
    }
}
