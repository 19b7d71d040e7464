use super::*;

const K: Kind = Kind::EcsTaskDefinition;

const BASE: &str = r#"{
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0",
      "essential": true,
      "portMappings": [{ "containerPort": 8080, "hostPort": 8080 }],
      "environment": [{ "name": "MODE", "value": "prod" }],
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": {
          "awslogs-group": "/ecs/web",
          "awslogs-region": "us-east-1",
          "awslogs-stream-prefix": "web"
        }
      }
    }
  ]
}"#;

/// An EC2 task with no role, no task size and no logs, but container memory.
const EC2: &str = r#"{
  "family": "worker",
  "containerDefinitions": [
    {
      "name": "worker",
      "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/worker:2.1",
      "memory": 256,
      "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/worker", "awslogs-region": "us-east-1" } }
    }
  ]
}"#;

#[test]
fn a_complete_fargate_task_definition_has_no_findings() {
    clean(K, BASE);
    clean(K, EC2);
}

#[test]
fn describe_output_fields_and_unknown_parameters_are_warnings() {
    let src = with(BASE, "  \"family\"", "  \"revision\": 3,\n  \"family\"");
    assert!(only(K, &src, "ecs/unknown-key", Severity::Warning, 2).contains("filled in by ECS"));
    let src = with(BASE, "  \"family\"", "  \"cpuu\": 1,\n  \"family\"");
    only(K, &src, "ecs/unknown-key", Severity::Warning, 2);
}

#[test]
fn describe_output_wrapped_in_task_definition_is_unwrapped() {
    let src = format!("{{\"taskDefinition\": {BASE}}}");
    clean(K, &src);
}

#[test]
fn family_is_required_and_limited_to_name_characters() {
    only(
        K,
        &with(BASE, "\"family\": \"web\"", "\"family\": \"web app\""),
        "ecs/family",
        Severity::Error,
        2,
    );
    only(
        K,
        &with(BASE, "  \"family\": \"web\",\n", ""),
        "ecs/family",
        Severity::Error,
        1,
    );
}

#[test]
fn requires_compatibilities_takes_known_launch_types() {
    let src = with(BASE, "[\"FARGATE\"]", "[\"FARGATE\", \"LAMBDA\"]");
    only(K, &src, "ecs/requires-compatibilities", Severity::Error, 4);
}

#[test]
fn fargate_needs_awsvpc_networking() {
    only(
        K,
        &with(BASE, "\"awsvpc\"", "\"bridge\""),
        "ecs/network-mode",
        Severity::Error,
        3,
    );
    only(
        K,
        &with(BASE, "  \"networkMode\": \"awsvpc\",\n", ""),
        "ecs/network-mode",
        Severity::Error,
        1,
    );
    only(
        K,
        &with(BASE, "\"awsvpc\"", "\"vpc\""),
        "ecs/network-mode",
        Severity::Error,
        3,
    );
}

#[test]
fn container_definitions_must_not_be_empty() {
    let start = BASE.find("[\n    {").unwrap_or(0);
    let end = BASE.rfind(']').unwrap_or(0);
    let src = format!("{}[]{}", &BASE[..start], &BASE[end + 1..]);
    only(K, &src, "ecs/container-definitions", Severity::Error, 8);
}

#[test]
fn container_names_are_required_and_unique() {
    only(
        K,
        &with(BASE, "      \"name\": \"web\",\n", ""),
        "ecs/container-name",
        Severity::Error,
        9,
    );
    let second = r#"{ "name": "web", "image": "nginx:1.27", "essential": false,
      "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "g", "awslogs-region": "r", "awslogs-stream-prefix": "p" } } },
    {"#;
    let src = with(
        BASE,
        "    {\n      \"name\"",
        &format!("    {second}\n      \"name\""),
    );
    assert_eq!(of_rule(K, &src, "ecs/container-name").len(), 1);
}

#[test]
fn a_container_needs_an_image() {
    let src = with(
        BASE,
        "      \"image\": \"111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0\",\n",
        "",
    );
    only(K, &src, "ecs/container-image", Severity::Error, 9);
}

#[test]
fn latest_or_missing_image_tags_are_warnings_and_digests_are_fine() {
    let src = with(BASE, "web:1.0.0", "web:latest");
    only(K, &src, "ecs/image-tag", Severity::Warning, 11);
    let src = with(BASE, "web:1.0.0", "web");
    assert!(only(K, &src, "ecs/image-tag", Severity::Warning, 11).contains("no tag"));
    clean(K, &with(BASE, "web:1.0.0", "web@sha256:0123456789abcdef"));
    clean(
        K,
        &with(
            BASE,
            "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0",
            "localhost:5000/web:2",
        ),
    );
}

#[test]
fn at_least_one_container_must_be_essential() {
    only(
        K,
        &with(BASE, "\"essential\": true", "\"essential\": false"),
        "ecs/essential",
        Severity::Error,
        8,
    );
    only(
        K,
        &with(BASE, "\"essential\": true", "\"essential\": \"true\""),
        "ecs/essential",
        Severity::Error,
        12,
    );
    // Leaving it out means essential.
    clean(K, &with(BASE, "      \"essential\": true,\n", ""));
}

#[test]
fn ports_are_numbers_and_awsvpc_host_ports_match() {
    let src = with(
        BASE,
        "\"containerPort\": 8080",
        "\"containerPort\": \"8080\"",
    );
    assert!(only(K, &src, "ecs/port-mapping", Severity::Error, 13).contains("without quotes"));
    let src = with(BASE, "\"hostPort\": 8080", "\"hostPort\": 80");
    only(K, &src, "ecs/port-mapping", Severity::Error, 13);
}

#[test]
fn a_container_without_log_configuration_is_a_warning() {
    let start = BASE.find(",\n      \"logConfiguration\"").unwrap_or(0);
    let end = BASE.find("\n    }\n  ]").unwrap_or(0);
    let src = format!("{}{}", &BASE[..start], &BASE[end..]);
    only(K, &src, "ecs/log-configuration", Severity::Warning, 9);
}

#[test]
fn fargate_awslogs_needs_a_stream_prefix() {
    let src = with(BASE, ",\n          \"awslogs-stream-prefix\": \"web\"", "");
    assert!(only(K, &src, "ecs/log-configuration", Severity::Error, 17).contains("stream prefix"));
}

#[test]
fn environment_values_must_be_strings() {
    let src = with(BASE, "\"value\": \"prod\"", "\"value\": 8080");
    only(K, &src, "ecs/environment", Severity::Error, 14);
}

#[test]
fn a_password_in_environment_is_an_error_pointing_to_secrets() {
    let src = with(
        BASE,
        "\"name\": \"MODE\", \"value\": \"prod\"",
        "\"name\": \"DB_PASSWORD\", \"value\": \"s3cr3t\"",
    );
    assert!(only(K, &src, "ecs/plaintext-secret", Severity::Error, 14).contains("valueFrom"));
    let src = with(
        BASE,
        "\"name\": \"MODE\", \"value\": \"prod\"",
        "\"name\": \"DB_SECRET_ARN\", \"value\": \"arn:aws:secretsmanager:us-east-1:1:secret:x\"",
    );
    clean(K, &src);
}

#[test]
fn secrets_need_a_name_and_value_from() {
    let src = with(
        BASE,
        "      \"essential\": true,",
        "      \"essential\": true,\n      \"secrets\": [{ \"name\": \"DB_PASSWORD\" }],",
    );
    only(K, &src, "ecs/secrets", Severity::Error, 13);
    let src = with(
        BASE,
        "      \"essential\": true,",
        "      \"essential\": true,\n      \"secrets\": [{ \"name\": \"DB_PASSWORD\", \"valueFrom\": \"arn:aws:ssm:us-east-1:1:parameter/db\" }],",
    );
    clean(K, &src);
}

#[test]
fn fargate_cpu_and_memory_must_be_a_supported_pair() {
    let src = with(BASE, "\"memory\": \"512\"", "\"memory\": \"4096\"");
    assert!(only(K, &src, "ecs/task-size", Severity::Error, 6).contains("512, 1024 or 2048"));
    let src = with(BASE, "\"cpu\": \"256\"", "\"cpu\": \"300\"");
    only(K, &src, "ecs/task-size", Severity::Error, 5);
    let src = with(BASE, "  \"cpu\": \"256\",\n", "");
    only(K, &src, "ecs/task-size", Severity::Error, 1);
    let src = with(
        BASE,
        "\"cpu\": \"256\",\n  \"memory\": \"512\"",
        "\"cpu\": \"1 vCPU\",\n  \"memory\": \"3 GB\"",
    );
    clean(K, &src);
    let src = with(
        BASE,
        "\"cpu\": \"256\",\n  \"memory\": \"512\"",
        "\"cpu\": 8192,\n  \"memory\": 20480",
    );
    clean(K, &src);
    let src = with(
        BASE,
        "\"cpu\": \"256\",\n  \"memory\": \"512\"",
        "\"cpu\": 8192,\n  \"memory\": 18432",
    );
    only(K, &src, "ecs/task-size", Severity::Error, 6);
}

#[test]
fn ec2_containers_need_memory_when_the_task_has_none() {
    let src = with(EC2, "      \"memory\": 256,\n", "");
    only(K, &src, "ecs/container-memory", Severity::Error, 4);
}

#[test]
fn fargate_with_ecr_or_awslogs_needs_an_execution_role() {
    let src = with(
        BASE,
        "  \"executionRoleArn\": \"arn:aws:iam::111122223333:role/ecsTaskExecutionRole\",\n",
        "",
    );
    assert!(only(K, &src, "ecs/execution-role", Severity::Error, 1).contains("Amazon ECR"));
    // On EC2 the container instance role does these jobs: the base EC2 task needs none.
    assert!(of_rule(K, EC2, "ecs/execution-role").is_empty());
}

#[test]
fn secrets_need_an_execution_role_on_any_launch_type() {
    let src = with(
        EC2,
        "      \"memory\": 256,",
        "      \"memory\": 256,\n      \"secrets\": [{ \"name\": \"TOKEN\", \"valueFrom\": \"arn:aws:ssm:us-east-1:1:parameter/t\" }],",
    );
    assert!(only(K, &src, "ecs/execution-role", Severity::Error, 1).contains("secrets"));
}
