use super::fixture;
use crate::data::dora::{DoraMetrics, dora_metrics};
use crate::data::{AnswerCheck, DoraTolerance, check_dora_answer};
use std::num::NonZeroU32;

/// The worked example: 0.714… per day, 14 h, 20 %, 1.5 h.
fn worked() -> DoraMetrics {
    dora_metrics(
        &fixture("dora/four-keys-deployments.csv"),
        &fixture("dora/four-keys-incidents.csv"),
        NonZeroU32::new(14),
    )
    .unwrap()
}

fn check(answer: &str) -> Vec<AnswerCheck> {
    check_dora_answer(&worked(), answer, DoraTolerance::default()).unwrap()
}

fn by_key<'a>(checks: &'a [AnswerCheck], key: &str) -> &'a AnswerCheck {
    checks.iter().find(|c| c.key == key).unwrap()
}

#[test]
fn a_right_toml_answer_passes_every_key_within_two_percent() {
    let checks = check(
        "deployment_frequency_per_day = 0.71\nlead_time_median_hours = 14\n\
         change_failure_rate_percent = 20.0\nrecovery_median_hours = 1.5\n",
    );
    assert_eq!(checks.len(), 4);
    assert!(checks.iter().all(|c| c.passed), "{checks:#?}");
    // The learner has the value already, so a pass may show it.
    assert!(checks.iter().all(|c| !c.expected_hidden));
}

#[test]
fn a_yaml_answer_with_strings_and_decimal_commas_is_read() {
    let checks = check(
        "deployment_frequency_per_day: \"0,714\"\nlead_time_median_hours: 14\n\
         change_failure_rate_percent: 20 %\nrecovery_median_hours: 1.5\n",
    );
    assert!(checks.iter().all(|c| c.passed), "{checks:#?}");
}

#[test]
fn a_wrong_value_says_too_high_or_too_low_without_the_expected_number() {
    let checks = check(
        "deployment_frequency_per_day = 0.5\nlead_time_median_hours = 17.4\n\
         change_failure_rate_percent = 66.7\nrecovery_median_hours = 1.5\n",
    );
    let frequency = by_key(&checks, "deployment_frequency_per_day");
    assert!(!frequency.passed && frequency.expected_hidden);
    assert!(
        frequency.message.contains("too low"),
        "{}",
        frequency.message
    );
    // The mean (17.4) instead of the median.
    let lead = by_key(&checks, "lead_time_median_hours");
    assert!(lead.message.contains("too high"), "{}", lead.message);
    // Dividing by incidents instead of deployments.
    let failures = by_key(&checks, "change_failure_rate_percent");
    assert!(
        failures.message.contains("too high"),
        "{}",
        failures.message
    );
    for c in checks.iter().filter(|c| !c.passed) {
        for leak in ["0.71", "14", "20", "1.5"] {
            assert!(!c.message.contains(leak), "{} gives away {leak}", c.message);
        }
    }
    assert!(by_key(&checks, "recovery_median_hours").passed);
}

#[test]
fn the_boundary_of_the_tolerance_is_inclusive_and_an_absolute_tolerance_can_replace_it() {
    let m = worked();
    let at_edge = format!("lead_time_median_hours = {}", 14.0 * 1.02);
    assert!(by_key(&check(&at_edge), "lead_time_median_hours").passed);
    assert!(
        !by_key(
            &check("lead_time_median_hours = 14.3"),
            "lead_time_median_hours"
        )
        .passed
    );
    let loose = check_dora_answer(
        &m,
        "lead_time_median_hours = 14.9",
        DoraTolerance::Absolute(1.0),
    )
    .unwrap();
    assert!(by_key(&loose, "lead_time_median_hours").passed);
}

#[test]
fn the_right_number_in_the_wrong_unit_gets_a_hint() {
    let checks = check(
        "deployment_frequency_per_day = 5\nlead_time_median_hours = 840\n\
         change_failure_rate_percent = 0.2\nrecovery_median_hours = 90\n",
    );
    let hint = |key: &str| by_key(&checks, key).message.clone();
    assert!(hint("deployment_frequency_per_day").contains("per week"));
    assert!(hint("lead_time_median_hours").contains("minutes"));
    assert!(hint("change_failure_rate_percent").contains("fraction"));
    assert!(hint("recovery_median_hours").contains("minutes"));
}

#[test]
fn missing_unknown_and_non_numeric_keys_fail_with_a_message() {
    let checks = check("lead_time_median_hours = \"fourteen\"\nlead_time = 14\n");
    assert_eq!(checks.len(), 5);
    assert!(
        by_key(&checks, "deployment_frequency_per_day")
            .message
            .contains("missing")
    );
    assert!(
        by_key(&checks, "lead_time_median_hours")
            .message
            .contains("should be a number")
    );
    let unknown = by_key(&checks, "lead_time");
    assert!(!unknown.passed && unknown.message.contains("not a key"));
}

#[test]
fn without_deployment_incidents_recovery_passes_when_left_out_or_none() {
    let deps = "deployment_id,commit_time,deploy_time,status,service\n\
                a,2026-01-01T00:00:00Z,2026-01-01T02:00:00Z,success,s\n";
    let m = dora_metrics(deps, "", None).unwrap();
    let left_out =
        check_dora_answer(&m, "lead_time_median_hours = 2", DoraTolerance::default()).unwrap();
    assert!(by_key(&left_out, "recovery_median_hours").passed);
    let none = check_dora_answer(
        &m,
        "recovery_median_hours = \"none\"",
        DoraTolerance::default(),
    )
    .unwrap();
    assert!(by_key(&none, "recovery_median_hours").passed);
    let number =
        check_dora_answer(&m, "recovery_median_hours = 0", DoraTolerance::default()).unwrap();
    assert!(!by_key(&number, "recovery_median_hours").passed);
}

#[test]
fn an_unreadable_answer_is_an_error_not_a_verdict() {
    let m = worked();
    for bad in [
        "just some words",
        "= 3",
        "- a\n- list\n",
        &"x".repeat(20_000),
    ] {
        assert!(
            check_dora_answer(&m, bad, DoraTolerance::default()).is_err(),
            "{bad:.20}"
        );
    }
}
