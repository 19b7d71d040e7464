use super::fixture;
use crate::data::dora::{DoraMetrics, Tier, dora_metrics, parse, template_csv};
use std::num::NonZeroU32;

fn days(n: u32) -> Option<NonZeroU32> {
    NonZeroU32::new(n)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

const HEADER: &str = "deployment_id,commit_time,deploy_time,status,service\n";
const INC_HEADER: &str = "incident_id,deployment_id,start_time,resolved_time\n";

fn metrics(deployments: &str, incidents: &str, window: Option<NonZeroU32>) -> DoraMetrics {
    dora_metrics(deployments, incidents, window).unwrap_or_else(|e| panic!("{e}"))
}

/// `content/01-devops-culture/03-computing-the-four-keys.md`: 10 deployments in 14
/// days (0.71 per day, 5 per week), median lead time 14 hours, change failure rate
/// 20 %, median recovery 90 minutes.
#[test]
fn the_worked_example_reproduces_the_numbers_the_page_states() {
    let m = metrics(
        &fixture("dora/four-keys-deployments.csv"),
        &fixture("dora/four-keys-incidents.csv"),
        days(14),
    );
    assert_eq!(m.deployments, 10);
    assert_eq!(m.window_days, 14);
    assert!(close(m.deployment_frequency_per_day, 10.0 / 14.0));
    assert_eq!(format!("{:.2}", m.deployment_frequency_per_day), "0.71");
    assert!(close(m.deployment_frequency_per_day * 7.0, 5.0));
    assert!(close(m.lead_time_median_hours, 14.0));
    assert!(close(m.change_failure_rate_percent, 20.0));
    assert!(close(m.recovery_median_hours.unwrap() * 60.0, 90.0));
    // Frequency High, lead time Elite, failures High, recovery High.
    assert_eq!(m.tier, Tier::High);
}

#[test]
fn the_worked_example_without_a_window_spans_its_first_to_last_deployment_day() {
    let m = metrics(
        &fixture("dora/four-keys-deployments.csv"),
        &fixture("dora/four-keys-incidents.csv"),
        None,
    );
    // 2 to 13 November, both included.
    assert_eq!(m.window_days, 12);
    assert!(close(m.deployment_frequency_per_day, 10.0 / 12.0));
}

/// `content/06-apply-at-work/01-measure-dora-for-your-team.md`, "Work it out for the
/// example week": 6 per week, 11.25 hours, 33.3 %, 97.5 minutes.
#[test]
fn the_downloadable_template_is_the_measure_page_example_and_gives_its_numbers() {
    let (deployments, incidents) = template_csv();
    assert!(deployments.starts_with(HEADER));
    assert!(incidents.starts_with(INC_HEADER));
    let m = metrics(deployments, incidents, days(7));
    assert!(close(m.deployment_frequency_per_day * 7.0, 6.0));
    assert!(close(m.lead_time_median_hours, 11.25));
    assert_eq!(format!("{:.1}", m.change_failure_rate_percent), "33.3");
    assert!(close(m.recovery_median_hours.unwrap() * 60.0, 97.5));
    assert_eq!(m.tier, Tier::Medium);
}

#[test]
fn per_service_figures_match_the_measure_page() {
    let (deployments, incidents) = template_csv();
    let data = parse(deployments, incidents).unwrap();
    let checkout = data.for_service("checkout-api").unwrap().metrics(days(7));
    assert_eq!(checkout.deployments, 4);
    assert!(close(checkout.change_failure_rate_percent, 25.0));
    let catalog = data.for_service("catalog-api").unwrap().metrics(days(7));
    assert_eq!(catalog.deployments, 2);
    assert!(close(catalog.change_failure_rate_percent, 50.0));
    assert!(data.for_service("billing").is_none());
}

#[test]
fn without_incidents_recovery_is_absent_and_failures_come_from_status_alone() {
    let deps = format!(
        "{HEADER}a,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,success,s\n\
         b,2026-01-02T00:00:00Z,2026-01-02T03:00:00Z,failed,s\n"
    );
    for incidents in ["", "\u{feff}\r\n", INC_HEADER] {
        let m = metrics(&deps, incidents, None);
        assert_eq!(m.recovery_median_hours, None);
        assert!(close(m.change_failure_rate_percent, 50.0));
        assert!(close(m.lead_time_median_hours, 2.0));
        assert_eq!(m.window_days, 2);
    }
}

#[test]
fn an_incident_without_a_deployment_is_neither_a_failure_nor_a_recovery() {
    let deps = format!("{HEADER}a,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,success,s\n");
    let inc = format!("{INC_HEADER}i,,2026-01-01T02:00:00Z,2026-01-01T09:00:00Z\n");
    let m = metrics(&deps, &inc, None);
    assert!(close(m.change_failure_rate_percent, 0.0));
    assert_eq!(m.recovery_median_hours, None);
}

#[test]
fn when_every_deployment_failed_the_rate_is_one_hundred_percent_and_the_tier_low() {
    let deps = format!(
        "{HEADER}a,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,failed,s\n\
         b,2026-01-01T02:00:00Z,2026-01-01T03:00:00Z,FAILED,s\n"
    );
    let m = metrics(&deps, "", None);
    assert!(close(m.change_failure_rate_percent, 100.0));
    assert_eq!(m.tier, Tier::Low);
}

#[test]
fn a_single_deployment_is_one_per_day_over_its_own_day() {
    let deps = format!("{HEADER}only,2026-01-01T00:00:00Z,2026-01-01T00:30:00Z,success,s\n");
    let m = metrics(&deps, "", None);
    assert_eq!((m.deployments, m.window_days), (1, 1));
    assert!(close(m.deployment_frequency_per_day, 1.0));
    assert!(close(m.lead_time_median_hours, 0.5));
    assert!(close(m.change_failure_rate_percent, 0.0));
    // One a day is High, not the "multiple deploys per day" of Elite.
    assert_eq!(m.tier, Tier::High);
}

#[test]
fn a_window_override_replaces_the_span_of_the_data() {
    let (deployments, incidents) = template_csv();
    assert_eq!(metrics(deployments, incidents, None).window_days, 5);
    let m = metrics(deployments, incidents, days(30));
    assert_eq!(m.window_days, 30);
    assert!(close(m.deployment_frequency_per_day, 0.2));
}

#[test]
fn offsets_other_than_z_are_converted_to_utc() {
    // dep-001 of the template, written in Vietnam time and in New York time.
    let deps = format!(
        "{HEADER}v,2026-10-05T15:15:00+07:00,2026-10-05T10:45:00Z,success,s\n\
         n,2026-10-05T04:15:00-04:00,2026-10-05T06:45:00-04:00,success,s\n"
    );
    let m = metrics(&deps, "", None);
    assert!(close(m.lead_time_median_hours, 2.5));
    // Both deploy on 5 October in UTC: a one-day window.
    assert_eq!(m.window_days, 1);
}

#[test]
fn a_spreadsheet_export_with_bom_crlf_quotes_and_extra_columns_is_read() {
    let deps = "\u{feff}Service,\"Deployment_ID\",Commit_Time,Deploy_Time,Status,Notes\r\n\
                \"checkout, EU\",dep-1,2026-10-05T08:15:00Z,2026-10-05T10:45:00Z,Success,\"rolled \"\"fast\"\"\r\nsecond line\"\r\n\
                checkout,dep-2, 2026-10-05T13:00:00Z ,2026-10-06T09:00:00Z, failed ,\r\n";
    let inc = "\u{feff}incident_id,deployment_id,start_time,resolved_time\r\n\
               inc-1,\"dep-2\",2026-10-06T09:05:00Z,2026-10-06T09:50:00Z\r\n";
    let data = parse(deps, inc).unwrap();
    assert_eq!(data.deployments[0].service, "checkout, EU");
    assert_eq!(data.deployments[1].line, 4);
    let m = data.metrics(None);
    assert!(close(m.lead_time_median_hours, (2.5 + 20.0) / 2.0));
    assert!(close(m.change_failure_rate_percent, 50.0));
    assert!(close(m.recovery_median_hours.unwrap(), 0.75));
}

/// Runs both files and returns the error's file, line and message.
fn error(deployments: &str, incidents: &str) -> (String, usize, String) {
    let e = parse(deployments, incidents).expect_err("the files should be refused");
    (e.file, e.line, e.message)
}

#[test]
fn every_csv_error_names_its_file_and_line() {
    let ok_dep = "a,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,success,s\n";
    let cases: [(String, String, &str, usize, &str); 13] = [
        (
            "deployment_id,commit_time,deploy_time,service\n".to_owned(),
            String::new(),
            "deployments.csv",
            1,
            "the column `status` is missing",
        ),
        (
            HEADER.to_owned(),
            String::new(),
            "deployments.csv",
            2,
            "no deployments",
        ),
        (
            format!("{HEADER}{ok_dep}b,2026-01-01 00:00,2026-01-01T01:00:00Z,success,s\n"),
            String::new(),
            "deployments.csv",
            3,
            "commit_time: `2026-01-01 00:00` has no time zone",
        ),
        (
            format!("{HEADER}{ok_dep}b,2026-01-01T00:00:00Z,yesterday,success,s\n"),
            String::new(),
            "deployments.csv",
            3,
            "deploy_time: `yesterday` is not a date",
        ),
        (
            format!("{HEADER}b,2026-01-02T00:00:00Z,2026-01-01T23:00:00Z,success,s\n"),
            String::new(),
            "deployments.csv",
            2,
            "deploy_time is earlier than commit_time",
        ),
        (
            format!("{HEADER}{ok_dep}{ok_dep}"),
            String::new(),
            "deployments.csv",
            3,
            "deployment_id `a` already appears on line 2",
        ),
        (
            format!("{HEADER}b,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,ok,s\n"),
            String::new(),
            "deployments.csv",
            2,
            "status is `ok`",
        ),
        (
            format!("{HEADER} ,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,success,s\n"),
            String::new(),
            "deployments.csv",
            2,
            "deployment_id is empty",
        ),
        (
            format!("{HEADER}{ok_dep}"),
            "incident_id,deployment,start_time,resolved_time\n".to_owned(),
            "incidents.csv",
            1,
            "the column `deployment_id` is missing",
        ),
        (
            format!("{HEADER}{ok_dep}"),
            format!("{INC_HEADER}i,a,2026-01-01T05:00:00Z,2026-01-01T04:00:00Z\n"),
            "incidents.csv",
            2,
            "resolved_time is earlier than start_time",
        ),
        (
            format!("{HEADER}{ok_dep}"),
            format!(
                "{INC_HEADER}i,,2026-01-01T05:00:00Z,2026-01-01T06:00:00Z\ni2,zz,2026-01-01T05:00:00Z,2026-01-01T06:00:00Z\n"
            ),
            "incidents.csv",
            3,
            "deployment_id `zz` is not in deployments.csv",
        ),
        (
            format!("{HEADER}{ok_dep}"),
            format!(
                "{INC_HEADER}i,,2026-01-01T05:00:00Z,2026-01-01T06:00:00Z\n\ni,,2026-01-01T05:00:00Z,2026-01-01T06:00:00Z\n"
            ),
            "incidents.csv",
            4,
            "incident_id `i` already appears on line 2",
        ),
        (
            format!("{HEADER}{ok_dep}"),
            format!("{INC_HEADER}i,,2026-01-01T05:00:00Z,2026-02-30T06:00:00Z\n"),
            "incidents.csv",
            2,
            "resolved_time: `2026-02-30T06:00:00Z` is not a real date",
        ),
    ];
    for (deployments, incidents, file, line, message) in cases {
        let (f, l, m) = error(&deployments, &incidents);
        assert_eq!((f.as_str(), l), (file, line), "{m}");
        assert!(m.contains(message), "expected `{message}` in `{m}`");
    }
}

#[test]
fn too_many_rows_and_too_many_bytes_are_refused_with_a_line() {
    let mut deps = String::from(HEADER);
    for i in 0..=crate::data::dora::MAX_ROWS {
        // Rows are counted before their values are read, so short ones do.
        deps.push_str(&format!("d{i},c,d,success,s\n"));
    }
    let (file, line, message) = error(&deps, "");
    assert_eq!((file.as_str(), line), ("deployments.csv", 100_002));
    assert!(message.contains("too many rows"), "{message}");

    let ok = format!("{HEADER}a,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,success,s\n");
    let huge = format!("{INC_HEADER}{}", "x".repeat(6 * 1024 * 1024));
    let (file, line, message) = error(&ok, &huge);
    assert_eq!((file.as_str(), line), ("incidents.csv", 1));
    assert!(message.contains("limit is 5 MB"), "{message}");
}

#[test]
fn metrics_serialise_with_their_documented_keys() {
    let (deployments, incidents) = template_csv();
    let json = serde_json::to_value(metrics(deployments, incidents, days(7))).unwrap();
    for key in [
        "deployments",
        "window_days",
        "deployment_frequency_per_day",
        "lead_time_median_hours",
        "change_failure_rate_percent",
        "recovery_median_hours",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["tier"], "medium");
}
