//! The four keys of DORA from two CSV files, computed by the rules of the "Computing the
//! four keys" page (`content/01-devops-culture/03-computing-the-four-keys.md`) and in
//! the format of "Measure DORA for your team" (`content/06-apply-at-work/01-…`):
//!
//! - `deployments.csv`: `deployment_id,commit_time,deploy_time,status,service`, one row
//!   per production deployment, `status` being `success` or `failed`.
//! - `incidents.csv`: `incident_id,deployment_id,start_time,resolved_time`, with an
//!   empty `deployment_id` when no deployment caused the incident.
//!
//! Times are RFC 3339; `Z` is what the page asks for, and any other offset is converted.
//! Columns may come in any order, with other columns beside them.
//!
//! # Rules
//!
//! - Every row of `deployments.csv` is a deployment, failed ones included.
//! - Deployment frequency = deployments ÷ days of the window. The caller names the
//!   window (the worked example's fortnight is 14 days); without one it runs from the
//!   UTC day of the first `deploy_time` to that of the last, both whole days included.
//! - Lead time = `deploy_time` − `commit_time`; the median is reported.
//! - A change failure is a deployment whose status is `failed` **or** that an incident
//!   names; the rate is change failures ÷ deployments.
//! - Recovery time = `resolved_time` − `start_time` of incidents that name a deployment
//!   (others are not about changes); the median is reported, or nothing when there are
//!   none.

use super::csv::{self, CsvError, Table, error};
use super::time::parse_rfc3339;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::num::NonZeroU32;

/// Most data rows read from one file.
pub const MAX_ROWS: usize = 100_000;

const MS_PER_HOUR: f64 = 3_600_000.0;
const MS_PER_DAY: i64 = 86_400_000;

/// One row of `deployments.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// `deployment_id`, trimmed.
    pub id: String,
    /// `commit_time`, in milliseconds since 1970 (UTC).
    pub commit_ms: i64,
    /// `deploy_time`, in milliseconds since 1970 (UTC).
    pub deploy_ms: i64,
    /// `status` is `failed`.
    pub failed: bool,
    /// `service`, trimmed.
    pub service: String,
    /// The line of the row in the file.
    pub line: usize,
}

/// One row of `incidents.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    /// `incident_id`, trimmed.
    pub id: String,
    /// `deployment_id`, or `None` when empty.
    pub deployment_id: Option<String>,
    /// `start_time`, in milliseconds since 1970 (UTC).
    pub start_ms: i64,
    /// `resolved_time`, in milliseconds since 1970 (UTC).
    pub resolved_ms: i64,
    /// The line of the row in the file.
    pub line: usize,
}

/// Both files, read and cross-checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoraData {
    /// At least one.
    pub deployments: Vec<Deployment>,
    /// Possibly none.
    pub incidents: Vec<Incident>,
}

/// A DORA performance level, weakest first (so `min` picks the weakest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Elite.
    Elite,
}

/// The four keys of one data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoraMetrics {
    /// Rows of `deployments.csv`.
    pub deployments: usize,
    /// Length of the window, in days.
    pub window_days: u32,
    /// Deployments ÷ `window_days`.
    pub deployment_frequency_per_day: f64,
    /// Median of `deploy_time` − `commit_time`, in hours.
    pub lead_time_median_hours: f64,
    /// Change failures ÷ deployments × 100.
    pub change_failure_rate_percent: f64,
    /// Median recovery time of incidents caused by a deployment, in hours; `None` when
    /// no incident names a deployment.
    pub recovery_median_hours: Option<f64>,
    /// The weakest level among the four keys (see [`tier`]).
    pub tier: Tier,
}

/// Reads both files and computes the four keys; see [`DoraData::metrics`] for `window`.
pub fn dora_metrics(
    deployments_csv: &str,
    incidents_csv: &str,
    window_days: Option<NonZeroU32>,
) -> Result<DoraMetrics, CsvError> {
    Ok(parse(deployments_csv, incidents_csv)?.metrics(window_days))
}

/// Reads and checks both files. An `incidents_csv` that is empty or only blank means no
/// incidents; `deployments.csv` needs at least one row.
pub fn parse(deployments_csv: &str, incidents_csv: &str) -> Result<DoraData, CsvError> {
    let deployments = parse_deployments(deployments_csv)?;
    let incidents = if incidents_csv
        .trim_start_matches('\u{feff}')
        .trim()
        .is_empty()
    {
        Vec::new()
    } else {
        parse_incidents(incidents_csv, &deployments)?
    };
    Ok(DoraData {
        deployments,
        incidents,
    })
}

fn time(table: &Table, line: usize, column: &str, text: &str) -> Result<i64, CsvError> {
    parse_rfc3339(text).map_err(|m| error(table.file, line, format!("{column}: {m}")))
}

/// Checks that an id is present and not seen before.
fn unique_id<'a>(
    table: &Table,
    seen: &mut HashMap<&'a str, usize>,
    column: &str,
    id: &'a str,
    line: usize,
) -> Result<(), CsvError> {
    if id.is_empty() {
        return Err(error(table.file, line, format!("{column} is empty")));
    }
    if let Some(first) = seen.insert(id, line) {
        return Err(error(
            table.file,
            line,
            format!("{column} `{id}` already appears on line {first}"),
        ));
    }
    Ok(())
}

fn parse_deployments(src: &str) -> Result<Vec<Deployment>, CsvError> {
    let t = csv::read("deployments.csv", src, MAX_ROWS)?;
    let [id_c, commit_c, deploy_c, status_c, service_c] = [
        "deployment_id",
        "commit_time",
        "deploy_time",
        "status",
        "service",
    ]
    .map(|name| t.column(name));
    let (id_c, commit_c, deploy_c, status_c, service_c) =
        (id_c?, commit_c?, deploy_c?, status_c?, service_c?);
    if t.rows.is_empty() {
        return Err(error(
            t.file,
            2,
            "there are no deployments: add one row per production deployment",
        ));
    }
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let f = |c: usize| row.fields[c].trim();
        unique_id(&t, &mut seen, "deployment_id", f(id_c), row.line)?;
        let commit_ms = time(&t, row.line, "commit_time", f(commit_c))?;
        let deploy_ms = time(&t, row.line, "deploy_time", f(deploy_c))?;
        if deploy_ms < commit_ms {
            return Err(error(
                t.file,
                row.line,
                "deploy_time is earlier than commit_time: a change cannot reach production \
                 before it is committed (check the time zones)",
            ));
        }
        let failed = match f(status_c).to_ascii_lowercase().as_str() {
            "success" => false,
            "failed" => true,
            other => {
                return Err(error(
                    t.file,
                    row.line,
                    format!("status is `{other}`; it must be `success` or `failed`"),
                ));
            }
        };
        out.push(Deployment {
            id: f(id_c).to_owned(),
            commit_ms,
            deploy_ms,
            failed,
            service: f(service_c).to_owned(),
            line: row.line,
        });
    }
    Ok(out)
}

fn parse_incidents(src: &str, deployments: &[Deployment]) -> Result<Vec<Incident>, CsvError> {
    let t = csv::read("incidents.csv", src, MAX_ROWS)?;
    let [id_c, dep_c, start_c, resolved_c] = [
        "incident_id",
        "deployment_id",
        "start_time",
        "resolved_time",
    ]
    .map(|name| t.column(name));
    let (id_c, dep_c, start_c, resolved_c) = (id_c?, dep_c?, start_c?, resolved_c?);
    let known: HashMap<&str, ()> = deployments.iter().map(|d| (d.id.as_str(), ())).collect();
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let f = |c: usize| row.fields[c].trim();
        unique_id(&t, &mut seen, "incident_id", f(id_c), row.line)?;
        let deployment_id = Some(f(dep_c)).filter(|d| !d.is_empty());
        if let Some(d) = deployment_id
            && !known.contains_key(d)
        {
            return Err(error(
                t.file,
                row.line,
                format!("deployment_id `{d}` is not in deployments.csv"),
            ));
        }
        let start_ms = time(&t, row.line, "start_time", f(start_c))?;
        let resolved_ms = time(&t, row.line, "resolved_time", f(resolved_c))?;
        if resolved_ms < start_ms {
            return Err(error(
                t.file,
                row.line,
                "resolved_time is earlier than start_time",
            ));
        }
        out.push(Incident {
            id: f(id_c).to_owned(),
            deployment_id: deployment_id.map(str::to_owned),
            start_ms,
            resolved_ms,
            line: row.line,
        });
    }
    Ok(out)
}

/// The median; `None` for no values.
fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

impl DoraData {
    /// The four keys over a window of `window_days` days, or, without one, from the UTC
    /// day of the first deployment to that of the last, whole days included.
    pub fn metrics(&self, window_days: Option<NonZeroU32>) -> DoraMetrics {
        let n = self.deployments.len();
        let window_days = window_days.map_or_else(|| self.span_days(), NonZeroU32::get);
        let lead = median(
            self.deployments
                .iter()
                .map(|d| (d.deploy_ms - d.commit_ms) as f64 / MS_PER_HOUR)
                .collect(),
        );
        let caused: HashMap<&str, ()> = self
            .incidents
            .iter()
            .filter_map(|i| i.deployment_id.as_deref())
            .map(|d| (d, ()))
            .collect();
        let failures = self
            .deployments
            .iter()
            .filter(|d| d.failed || caused.contains_key(d.id.as_str()))
            .count();
        let recovery = median(
            self.incidents
                .iter()
                .filter(|i| i.deployment_id.is_some())
                .map(|i| (i.resolved_ms - i.start_ms) as f64 / MS_PER_HOUR)
                .collect(),
        );
        let mut m = DoraMetrics {
            deployments: n,
            window_days,
            deployment_frequency_per_day: n as f64 / f64::from(window_days),
            lead_time_median_hours: lead.unwrap_or(0.0),
            change_failure_rate_percent: if n == 0 {
                0.0
            } else {
                failures as f64 * 100.0 / n as f64
            },
            recovery_median_hours: recovery,
            tier: Tier::Low,
        };
        m.tier = tier(&m);
        m
    }

    /// Whole UTC days from the first deployment's to the last one's, both included.
    fn span_days(&self) -> u32 {
        let days = self
            .deployments
            .iter()
            .map(|d| d.deploy_ms.div_euclid(MS_PER_DAY));
        let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
            return 1;
        };
        u32::try_from(last - first + 1).unwrap_or(u32::MAX)
    }

    /// Only the deployments of `service` (exact match, trimmed) and the incidents that
    /// name them or no deployment at all; `None` when the service has no deployment.
    pub fn for_service(&self, service: &str) -> Option<DoraData> {
        let service = service.trim();
        let deployments: Vec<Deployment> = self
            .deployments
            .iter()
            .filter(|d| d.service == service)
            .cloned()
            .collect();
        if deployments.is_empty() {
            return None;
        }
        let incidents = self
            .incidents
            .iter()
            .filter(|i| {
                i.deployment_id
                    .as_deref()
                    .is_none_or(|id| deployments.iter().any(|d| d.id == id))
            })
            .cloned()
            .collect();
        Some(DoraData {
            deployments,
            incidents,
        })
    }
}

/// The weakest of the four keys' levels; recovery time counts only when there is one.
///
/// The bands follow the benchmark table the course teaches, "The benchmark table (2024
/// report)" in `content/01-devops-culture/04-evolution-and-benchmarks.md` (DORA,
/// Accelerate State of DevOps Report 2024). The 2023 report's table differs (change
/// failure rates of 5, 10, 15 and 64 %, medium recovery up to a week, low up to six
/// months); the course's page wins so that the calculator and the page the learner
/// reads agree. The table gives typical values of clusters, not thresholds, so bands
/// are drawn between them:
///
/// | Level  | Frequency (per day) | Lead time   | Change failure rate | Recovery   |
/// |--------|---------------------|-------------|---------------------|------------|
/// | Elite  | more than 1         | < 1 day     | ≤ 5 %               | < 1 hour   |
/// | High   | ≥ 1/7 (weekly)      | ≤ 1 week    | ≤ 20 %              | < 1 day    |
/// | Medium | ≥ 1/30 (monthly)    | ≤ 30 days   | < 40 %              | < 1 week   |
/// | Low    | less                | longer      | 40 % or more        | 1 week +   |
///
/// The medium cluster's typical change failure rate (10 %) is *lower* than the high
/// cluster's (20 %), as the page points out, so on that key alone "up to 20 %" is as
/// good as High; the other keys tell the two apart. High and medium share "less than one
/// day" for recovery; the gap up to the low cluster's "one week to one month" is Medium.
pub fn tier(m: &DoraMetrics) -> Tier {
    let [frequency, lead, failures, recovery] = key_tiers(m);
    frequency.min(lead).min(failures).min(recovery)
}

/// The level of each key, in the order deployment frequency, lead time, change failure
/// rate, recovery time (Elite when no incident names a deployment), by the table of
/// [`tier`].
pub fn key_tiers(m: &DoraMetrics) -> [Tier; 4] {
    let f = m.deployment_frequency_per_day;
    let frequency = if f > 1.0 {
        Tier::Elite
    } else if f >= 1.0 / 7.0 {
        Tier::High
    } else if f >= 1.0 / 30.0 {
        Tier::Medium
    } else {
        Tier::Low
    };
    let l = m.lead_time_median_hours;
    let lead = if l < 24.0 {
        Tier::Elite
    } else if l <= 7.0 * 24.0 {
        Tier::High
    } else if l <= 30.0 * 24.0 {
        Tier::Medium
    } else {
        Tier::Low
    };
    let c = m.change_failure_rate_percent;
    let failures = if c <= 5.0 {
        Tier::Elite
    } else if c <= 20.0 {
        Tier::High
    } else if c < 40.0 {
        Tier::Medium
    } else {
        Tier::Low
    };
    let recovery = m.recovery_median_hours.map_or(Tier::Elite, |r| {
        if r < 1.0 {
            Tier::Elite
        } else if r < 24.0 {
            Tier::High
        } else if r < 7.0 * 24.0 {
            Tier::Medium
        } else {
            Tier::Low
        }
    });
    [frequency, lead, failures, recovery]
}

/// Downloadable starting files, `(deployments.csv, incidents.csv)`: the small example of
/// the "Measure DORA for your team" page, header and rows exactly as it shows them.
pub fn template_csv() -> (&'static str, &'static str) {
    (
        "deployment_id,commit_time,deploy_time,status,service\n\
         dep-001,2026-10-05T08:15:00Z,2026-10-05T10:45:00Z,success,checkout-api\n\
         dep-002,2026-10-05T13:00:00Z,2026-10-06T09:00:00Z,failed,checkout-api\n\
         dep-003,2026-10-06T09:20:00Z,2026-10-06T11:20:00Z,success,checkout-api\n\
         dep-004,2026-10-07T10:00:00Z,2026-10-08T10:00:00Z,success,catalog-api\n\
         dep-005,2026-10-08T15:00:00Z,2026-10-09T09:30:00Z,success,catalog-api\n\
         dep-006,2026-10-09T08:00:00Z,2026-10-09T12:00:00Z,success,checkout-api\n",
        "incident_id,deployment_id,start_time,resolved_time\n\
         inc-001,dep-002,2026-10-06T09:05:00Z,2026-10-06T09:50:00Z\n\
         inc-002,dep-004,2026-10-08T14:00:00Z,2026-10-08T16:30:00Z\n\
         inc-003,,2026-10-10T02:00:00Z,2026-10-10T03:00:00Z\n",
    )
}
