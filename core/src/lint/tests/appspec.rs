use super::*;

const K: Kind = Kind::Appspec;

const ECS: &str = "\
version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: \"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3\"
        LoadBalancerInfo:
          ContainerName: \"web\"
          ContainerPort: 80
Hooks:
  - BeforeInstall: \"CheckBeforeInstall\"
  - AfterAllowTestTraffic: \"SmokeTest\"
";

const SERVER: &str = "\
version: 0.0
os: linux
files:
  - source: /app
    destination: /srv/app
hooks:
  BeforeInstall:
    - location: scripts/install.sh
      timeout: 300
  ApplicationStart:
    - location: scripts/start.sh
      runas: root
";

const LAMBDA: &str = "\
version: 0.0
Resources:
  - myFunction:
      Type: AWS::Lambda::Function
      Properties:
        Name: \"my-function\"
        Alias: \"live\"
        CurrentVersion: \"1\"
        TargetVersion: \"2\"
Hooks:
  - BeforeAllowTraffic: \"PreTrafficCheck\"
";

#[test]
fn complete_ecs_server_and_lambda_appspecs_have_no_findings() {
    clean(K, ECS);
    clean(K, SERVER);
    clean(K, LAMBDA);
}

#[test]
fn version_must_be_0_0() {
    only(
        K,
        &with(ECS, "version: 0.0", "version: 1"),
        "appspec/version",
        Severity::Error,
        1,
    );
    let src = with(SERVER, "version: 0.0\n", "");
    assert_eq!(of_rule(K, &src, "appspec/version").len(), 1);
}

#[test]
fn server_sections_in_an_ecs_appspec_are_unknown_keys() {
    let src = format!("{ECS}os: linux\n");
    only(K, &src, "appspec/unknown-key", Severity::Error, 13);
    let src = with(SERVER, "files:", "file:");
    assert!(only(K, &src, "appspec/unknown-key", Severity::Error, 3).contains("`files`"));
}

#[test]
fn resources_must_be_a_list_of_named_resources() {
    let src = with(
        ECS,
        "  - TargetService:\n      Type",
        "  TargetService:\n      Type",
    );
    assert!(of_rule(K, &src, "appspec/resources").len() == 1);
}

#[test]
fn an_unknown_resource_type_is_an_error() {
    let src = with(ECS, "AWS::ECS::Service", "AWS::ECS::TaskSet");
    only(K, &src, "appspec/resource-type", Severity::Error, 3);
}

#[test]
fn the_task_definition_must_be_an_arn_or_the_pipeline_placeholder() {
    let src = with(
        ECS,
        "\"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3\"",
        "web:3",
    );
    only(K, &src, "appspec/ecs-properties", Severity::Error, 6);
    clean(
        K,
        &with(
            ECS,
            "\"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3\"",
            "<TASK_DEFINITION>",
        ),
    );
}

#[test]
fn load_balancer_info_needs_a_container_name() {
    let src = with(ECS, "          ContainerName: \"web\"\n", "");
    only(K, &src, "appspec/ecs-properties", Severity::Error, 8);
}

#[test]
fn a_quoted_container_port_is_an_error() {
    let src = with(ECS, "ContainerPort: 80", "ContainerPort: \"80\"");
    assert!(only(K, &src, "appspec/container-port", Severity::Error, 9).contains("without quotes"));
}

#[test]
fn awsvpc_configuration_is_all_or_nothing() {
    let net = "        NetworkConfiguration:\n          AwsvpcConfiguration:\n            Subnets: [\"subnet-1\"]\n";
    let src = with(ECS, "Hooks:\n", &format!("{net}Hooks:\n"));
    only(
        K,
        &src,
        "appspec/network-configuration",
        Severity::Error,
        12,
    );
    let full = format!(
        "{net}            SecurityGroups: [\"sg-1\"]\n            AssignPublicIp: \"DISABLED\"\n"
    );
    clean(K, &with(ECS, "Hooks:\n", &format!("{full}Hooks:\n")));
}

#[test]
fn lambda_properties_are_all_required() {
    let src = with(LAMBDA, "        Alias: \"live\"\n", "");
    assert!(only(K, &src, "appspec/lambda-properties", Severity::Error, 6).contains("`Alias`"));
}

#[test]
fn lambda_keys_may_be_written_in_lower_case() {
    let lower = LAMBDA
        .replace("Resources", "resources")
        .replace("Type:", "type:")
        .replace("Properties", "properties")
        .replace("CurrentVersion", "currentversion")
        .replace("TargetVersion", "targetversion")
        .replace("Hooks", "hooks");
    clean(K, &lower);
}

#[test]
fn shifting_to_the_current_version_is_a_warning() {
    let src = with(LAMBDA, "TargetVersion: \"2\"", "TargetVersion: \"1\"");
    only(K, &src, "appspec/lambda-version", Severity::Warning, 9);
}

#[test]
fn hooks_must_belong_to_the_platform() {
    let src = with(ECS, "BeforeInstall:", "BeforeInstal:");
    assert!(only(K, &src, "appspec/hook-name", Severity::Error, 11).contains("`BeforeInstall`"));
    let src = with(LAMBDA, "BeforeAllowTraffic:", "AfterAllowTestTraffic:");
    only(K, &src, "appspec/hook-name", Severity::Error, 11);
    let src = with(SERVER, "  ApplicationStart:", "  Install:");
    assert!(only(K, &src, "appspec/hook-name", Severity::Error, 10).contains("agent"));
}

#[test]
fn ecs_hooks_must_be_a_list_of_function_names() {
    let src = with(
        ECS,
        "  - BeforeInstall: \"CheckBeforeInstall\"\n  - ",
        "  BeforeInstall: \"CheckBeforeInstall\"\n  ",
    );
    only(K, &src, "appspec/hook-shape", Severity::Error, 10);
    let src = with(ECS, "\"SmokeTest\"", "\"\"");
    only(K, &src, "appspec/hook-shape", Severity::Error, 12);
}

#[test]
fn server_hooks_must_be_lists_of_scripts_with_a_location() {
    let src = with(
        SERVER,
        "  ApplicationStart:\n    - location: scripts/start.sh\n      runas: root\n",
        "  ApplicationStart: scripts/start.sh\n",
    );
    only(K, &src, "appspec/hook-shape", Severity::Error, 10);
    let src = with(
        SERVER,
        "    - location: scripts/start.sh",
        "    - script: scripts/start.sh",
    );
    assert_eq!(
        of_rule(K, &src, "appspec/hook-shape").len(),
        2,
        "unknown key and missing location"
    );
}

#[test]
fn a_script_timeout_over_an_hour_is_an_error() {
    let src = with(SERVER, "timeout: 300", "timeout: 4000");
    only(K, &src, "appspec/hook-timeout", Severity::Error, 9);
}

#[test]
fn the_timeouts_of_one_event_may_not_add_up_past_an_hour() {
    let src = with(
        SERVER,
        "      timeout: 300\n",
        "      timeout: 3000\n    - location: scripts/migrate.sh\n      timeout: 1200\n",
    );
    only(K, &src, "appspec/hook-timeout", Severity::Error, 7);
}

#[test]
fn os_is_required_and_linux_or_windows() {
    only(
        K,
        &with(SERVER, "os: linux", "os: ubuntu"),
        "appspec/os",
        Severity::Error,
        2,
    );
    only(
        K,
        &with(SERVER, "os: linux\n", ""),
        "appspec/os",
        Severity::Error,
        1,
    );
}

#[test]
fn each_file_needs_a_source_and_destination() {
    let src = with(SERVER, "    destination: /srv/app\n", "");
    only(K, &src, "appspec/files", Severity::Error, 4);
    let src = format!("{SERVER}file_exists_behavior: REPLACE\n");
    only(K, &src, "appspec/files", Severity::Error, 13);
}
