//! Hands-on exercises: a learner edits a starter file (a buildspec, an AppSpec file, a
//! CloudFormation template, an ECS task definition, a Dockerfile or a CloudWatch alarm)
//! until it passes the exercise's checks, or reads a data set (deployment records, an
//! X-Ray trace, a drift report) and submits a short answer document.
//!
//! Nothing a learner writes is ever executed. A submission goes through the linters of
//! [`crate::lint`] (with their input limits: 256 KB, no binary data, bounded YAML so alias
//! bombs and deep nesting fail fast, one clear failure for the wrong kind of file) and the
//! checks read the findings and the parsed document (and a CloudWatch alarm may be run
//! over a metric series the exercise ships); an answer to a data kind is read with the
//! same limits and graded by [`crate::data`]. [`load`] reads an exercise folder,
//! [`check`] grades a submission, [`verify`] proves an exercise's own files agree with its
//! checks, and [`public_view`] is all the browser ever sees.
//!
//! # Authoring format
//!
//! An exercise is a folder `content/<NN-module>/exercises/<NN-id>/`:
//!
//! ```text
//! exercise.toml          the checks (below)
//! instructions.md        English: front matter with `title`, then markdown
//! instructions.vi.md     Vietnamese, optional; missing, the English is shown
//! starter.yml            what the learner starts from
//! solution.yml           the reference solution
//! wrong/*.yml            known-wrong answers, to prove the checks catch them
//! deployments.csv, …     the data files of a data kind (see "Data kinds")
//! series.csv             an alarm exercise's metric series (see "Alarm exercises")
//! ```
//!
//! `exercise.toml`:
//!
//! ```toml
//! id = "cache-node-modules"   # lower-case letters, digits, hyphens; unique in the module
//! kind = "buildspec"          # see below
//! points = 10                 # default 10
//! starter = "starter.yml"     # default starter.<ext>
//! solution = "solution.yml"   # default solution.<ext>
//!
//! [solution_policy]
//! after_failed = 3            # show the solution after 3 failed submissions;
//!                             # 0 = always; no [solution_policy] = never
//!
//! [[checks]]
//! id = "runs-tests"           # unique in the exercise
//! path = "phases.build.commands"
//! contains_match = '\bnpm (run )?test\b'
//! message = "The build phase must run the unit tests."
//! hint = "Add `npm test` to `phases.build.commands`."
//! message_vi = "Pha build phải chạy unit test."   # optional, falls back to English
//! hint_vi = "Thêm `npm test` vào `phases.build.commands`."
//!
//! [[wrong]]
//! file = "wrong/no-cache.yml"
//! fails = ["caches-node-modules"]   # exactly the checks this answer must fail
//! ```
//!
//! Kinds: the lint kinds `buildspec`, `appspec`, `cloudformation`,
//! `ecs-task-definition`, `dockerfile`, `cloudwatch-alarm`, whose default file
//! extensions are `yml`, `yaml`, `yaml`, `json`, `Dockerfile` and `yaml`; and the data
//! kinds `dora-metrics`, `xray-bottleneck`, `drift` (extension `yaml`), described under
//! "Data kinds" below.
//!
//! Every check has `id`, `message` and `hint` (one or two sentences each, inline
//! `code` allowed; `message_vi` and `hint_vi` optional, falling back to English). A
//! check of a lint kind has exactly one of:
//!
//! - `rule = "dockerfile/non-root-user"`: passes when the linter reports no finding of
//!   that rule, whatever its severity; the rule must belong to the exercise's kind.
//!   `rule = "*errors"` passes when there is no error-severity finding at all.
//! - `path = "..."` with one assertion, over the parsed YAML or JSON document (not for
//!   Dockerfiles). Path syntax: keys separated by dots (`phases.build.commands`), `[n]`
//!   for a list item from 0 (`Resources[0]`), `*` or `[*]` for every list item or map
//!   value (`containerDefinitions[*].image`, `Resources.*.Type`), and double quotes
//!   around a key with dots or brackets (`Resources."My.Bucket".Properties`). Keys are
//!   case-sensitive.
//! - `instruction = "USER"` (Dockerfiles only) with `exists`, `absent`, `matches`,
//!   `count_min` or `count_max`, over the instructions with that keyword: by default
//!   those of the final stage (the image that ships), or of the whole file with
//!   `scope = "all"`. `matches` reads the arguments after the keyword, continuation
//!   lines joined and runs of white space collapsed to one space.
//! - `alarm = "fires"` or `alarm = "quiet"` with `from` and `to` (`cloudwatch-alarm`
//!   exercises with a metric series only): the alarm, run over the series, fires or
//!   stays quiet in that window of minutes. See "Alarm exercises" below.
//!
//! Assertions (exactly one per declarative check):
//!
//! | key | passes when the value at the path |
//! | --- | --- |
//! | `exists = true` | is there (even if empty or null) |
//! | `absent = true` | is not there |
//! | `equals = <TOML value>` | equals it (rules below) |
//! | `one_of = [...]` | equals one of them |
//! | `matches = "regex"` | is a scalar whose text matches |
//! | `type = "string"` | has that type: `string`, `number`, `bool`, `list`, `map`, `null` |
//! | `count_min = n` / `count_max = n` | has at least / at most n items (list items or map entries; missing or null is 0, a scalar is 1) |
//! | `contains_match = "regex"` | is a list with an item whose text matches (a scalar is tested itself) |
//!
//! With a wildcard, a path reaches several values; the check passes when the assertion
//! holds for every one of them, or for at least one with `for = "any"`. A wildcard over
//! an empty list or map reaches nothing, which counts as one missing value. On an
//! `instruction` check, `for` applies to `matches` the same way: every instruction with
//! the keyword must match (and there must be one), or at least one with `for = "any"`.
//!
//! Equality compares values, not spellings, since learners quote YAML scalars freely: a
//! number equals a number of the same value, or a string that reads as one (`cpu: "256"`
//! equals `equals = 256`, `0.2` equals `equals = "0.2"`); a boolean equals a boolean or
//! the string `true`/`false`; other strings compare exactly. Lists compare item by item,
//! maps key by key in any order. YAML tags (`!Ref`) are ignored. Use `type` to insist on
//! a type as well.
//!
//! Regexes follow the `regex` crate syntax, are unanchored (write `^…$` to match the
//! whole text) and are limited in compiled size. TOML literal strings (`'…'`) spare the
//! backslashes. Any mistake in `exercise.toml` (an unknown key, an unknown rule, a bad
//! path or regex, two assertions in one check) is a load error with its file and line.
//! Every file is limited to 256 KB of UTF-8 text and must stay inside the folder.
//!
//! # Data kinds
//!
//! The learner works from a data set that the exercise folder holds and answers with a
//! small YAML (or JSON) document. `[data]` names the files, each read with the limits
//! and path rules above and parsed when the exercise loads, so a bad data set is a load
//! error with its file (and line, where the parser gives one):
//!
//! ```toml
//! kind = "dora-metrics"
//! [data]
//! deployments = "deployments.csv"   # default; the format of crate::data::dora
//! incidents = "incidents.csv"       # default; may hold only the header
//! window_days = 28                  # days of the period; default: first to last
//!                                   # deployment day, both included
//! tolerance_percent = 2.0           # or tolerance_absolute = 0.05; default 2 %
//! ```
//!
//! `xray-bottleneck` takes `trace = "trace.json"` (the default; `aws xray
//! batch-get-traces` output for one trace) and `drift` takes `report = "drift.json"` (the
//! default; `aws cloudformation describe-stack-resource-drifts` output, with at least one
//! drifted property) and an optional `template = "template.yaml"` (the stack's
//! template, which must hold every drifted resource). Any other key of `[data]` is a
//! load error.
//!
//! The answer document (`starter` and `solution` default to `starter.yaml` and
//! `solution.yaml`) has these keys, and no others:
//!
//! | kind | keys of the answer |
//! | --- | --- |
//! | `dora-metrics` | `deployment_frequency_per_day`, `lead_time_median_hours`, `change_failure_rate_percent`, `recovery_median_hours` |
//! | `xray-bottleneck` | `bottleneck`: a span's name or id |
//! | `drift` | `logical_id` and `property_path` (`/Properties/…`) |
//!
//! A check of a data kind has `key` instead of a rule, path or instruction: the part of
//! the answer it grades, one of the four DORA keys, `bottleneck`, or `drift` (the
//! logical id and path together). Each part is graded by at most one check.
//!
//! ```toml
//! [[checks]]
//! id = "lead-time"
//! key = "lead_time_median_hours"
//! message = "The median lead time is not right."
//! hint = "Take `deploy_time − commit_time` of each deployment, in hours."
//! ```
//!
//! When it fails, the learner gets the check's message and hint, followed by what the
//! data module says of that part ("this looks like minutes; give it in hours", "this
//! span mostly waits on something it calls"), which never states the expected value.
//! The browser gets the data set through [`PublicData`]: the files as authored, and a
//! trace's spans without their self time.
//!
//! # Alarm exercises
//!
//! A `cloudwatch-alarm` exercise may ship the metric series its alarm is judged on, so
//! that it can ask for an alarm that "fires on the incident but not on the spike" and
//! let any alarm that does so pass, instead of pinning M, N and the threshold:
//!
//! ```toml
//! kind = "cloudwatch-alarm"
//! [data]
//! series = "series.csv"   # the default
//! unit = "Seconds"        # optional: a CloudWatch unit, for the page's chart
//!
//! [[checks]]
//! id = "quiet-on-the-spike"
//! alarm = "quiet"         # or "fires"
//! from = 1                # minutes of the series, both included
//! to = 11
//! message = "The alarm must not page on the warm-up spike."
//! hint = "Count, at each minute, the breaching datapoints among the last N."
//! ```
//!
//! `series.csv` holds one datapoint a minute after the header `minute,value`: minutes
//! count 1, 2, 3, … with no gap, and an empty value is a minute without a datapoint
//! (`7,`). It is read when the exercise loads, limited to 1,440 minutes (one day) and
//! to numbers; any problem is a load error with the file and line. Other lint kinds
//! refuse `[data]`, and an `alarm` check needs the series.
//!
//! The learner's alarm is run over the series by the simulator of
//! [`crate::lint::evaluate_alarm`], which follows CloudWatch's evaluation (M out of N,
//! an evaluation range of N + 2 periods, `TreatMissingData`) and gives the alarm's state
//! after each minute. The series is taken as an excerpt of a metric the alarm has been
//! watching on a healthy service: the periods before minute 1 count as within the
//! threshold, so the alarm enters minute 1 in OK. Each value is the alarm's datapoint
//! for that minute, whatever its statistic: pin `Statistic` or `ExtendedStatistic` with
//! a `path` check when it matters; an alarm with a literal `Period` other than 60 is
//! not run at all (its `alarm` checks fail, pointing at `Period`).
//!
//! - `alarm = "fires"` passes when the alarm is in ALARM after at least one minute from
//!   `from` to `to`. States, not transitions, are read: an alarm that fired before the
//!   window and is still in ALARM fires in it.
//! - `alarm = "quiet"` passes when it is in ALARM after none of those minutes (OK and
//!   INSUFFICIENT_DATA are both quiet).
//!
//! `from` and `to` are whole minutes from 1, `from` ≤ `to`, and `to` at most the
//! series' length; `for`, `scope` and assertions do not apply. A failed `alarm` check
//! adds what the simulation saw to its hint ("Run over the series, the alarm fires at
//! minute 5.", "… never fires from minute 12 to minute 15.", in English or Vietnamese),
//! never the alarm that would pass, and points at the line most likely at fault:
//! `TreatMissingData` when missing minutes were counted as breaching, `Threshold` when
//! no datapoint of the window crosses it, else `DatapointsToAlarm` (or
//! `EvaluationPeriods` when M defaults to N). An alarm the simulator cannot run (a
//! CloudFormation function in a setting, an anomaly band, several alarms) fails its
//! `alarm` checks with the reason. The browser gets the series through
//! [`PublicData::Series`].
//!
//! # Checking and verifying
//!
//! [`check`] returns a [`CheckRun`]: `status` is `error` when the submission cannot be
//! read at all (too big, binary, broken YAML, alias bomb, too deep, the wrong kind of
//! file; for a data kind also an answer over 16 KB, not a mapping, or with a key the
//! kind does not have), with the line, column and message; otherwise every check runs
//! and `status` is `pass` or `fail`. A failed check carries its message, hint and (when
//! known) the submission's line; a passed one just "ok". `score` is passed checks ÷
//! checks and `points_earned` is `points × score`, rounded down.
//!
//! [`verify`] is what `devops-lab check` should run on every exercise, of every kind:
//! the solution must pass every check, each `[[wrong]]` answer must fail exactly the
//! checks in its `fails` (no more, no fewer), and a starter that already passes is a
//! warning.

mod alarm;
mod answer;
mod answer_vi;
mod assert;
mod checks;
mod dataset;
mod docker;
mod files;
mod path;
mod rules;
mod run;
mod series;
mod spec;
mod view;

#[cfg(test)]
mod tests;

pub use answer::MAX_ANSWER_BYTES;
pub use dataset::{DataKind, DataSet};
/// The folder of a module that holds its exercises.
pub const EXERCISES_DIR: &str = "exercises";

pub use files::{MAX_FILE_BYTES, load, load_all};
pub use path::{DocPath, Step};
pub use rules::KNOWN_RULES;
pub use run::{
    CheckResult, CheckRun, Problem, RunError, Status, check, solution_available, verify,
};
pub use series::{MAX_SERIES_POINTS, MetricSeries};
pub use view::{PublicData, PublicExercise, PublicSpan, PublicSpanKind, public_view};

use crate::lang::Lang;
use crate::lint::Kind;
use std::path::PathBuf;

/// A problem in an exercise folder, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct ExerciseError {
    /// The file, as found under the exercise folder.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    /// What is wrong, for an author.
    pub message: String,
}

impl From<ExerciseError> for crate::diag::Finding {
    fn from(e: ExerciseError) -> Self {
        crate::diag::Finding::error(e.file, e.line, e.message)
    }
}

// The types below hold the reference solution and the checks (expected values, regexes)
// that would give it away. They are explicitly not `Serialize`, like `UserPasshash` in
// leptos' session_auth_axum and the quiz types: nothing that holds an answer can end up in
// a view model or a server function's response by accident. The browser gets
// `PublicExercise` instead.

/// A loaded exercise, solution included. Server-side only (explicitly not `Serialize`).
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Unique in its module.
    pub id: String,
    /// The module's slug.
    pub module: String,
    /// How a submission is read and checked.
    pub checker: Checker,
    /// Points for passing every check.
    pub points: u32,
    /// The English instructions (always present).
    pub instructions_en: Instructions,
    /// The Vietnamese instructions, when translated.
    pub instructions_vi: Option<Instructions>,
    /// The file the learner starts from.
    pub starter: String,
    /// The reference solution.
    pub solution: String,
    /// The checks, in authored order.
    pub checks: Vec<Check>,
    /// Known-wrong answers and the checks each must fail.
    pub wrong: Vec<WrongAnswer>,
    /// When the solution may be shown.
    pub policy: SolutionPolicy,
}

impl Exercise {
    /// The instructions in `lang`, and whether they fell back to English.
    pub fn instructions(&self, lang: Lang) -> (&Instructions, bool) {
        match (lang, &self.instructions_vi) {
            (Lang::Vi, Some(vi)) => (vi, false),
            (Lang::Vi, None) => (&self.instructions_en, true),
            (Lang::En, _) => (&self.instructions_en, false),
        }
    }
}

/// A title and markdown instructions in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instructions {
    /// From the front matter's `title`.
    pub title: String,
    /// The markdown after the front matter.
    pub markdown: String,
}

/// How submissions of an exercise are read and checked.
///
/// This is the extension point for kinds that are not configuration files: a new way of
/// checking is a new variant here and an arm in `run::check`.
#[derive(Debug, Clone)]
pub enum Checker {
    /// A configuration file, read by the linter of this kind.
    Lint(Kind),
    /// A data analysis: the learner reads a data set and submits a small answer document,
    /// checked by the data module ([`crate::data`]).
    Data(DataSet),
    /// A CloudWatch alarm with the metric series it is run over: read by the
    /// `cloudwatch-alarm` linter like [`Checker::Lint`], and simulated over the series by
    /// its `alarm` checks ([`Test::Alarm`]).
    Alarm(MetricSeries),
}

impl Checker {
    /// The kind's name as authored (`"dockerfile"`, `"dora-metrics"`).
    pub fn name(&self) -> &'static str {
        match self {
            Checker::Lint(kind) => kind.name(),
            Checker::Data(data) => data.kind().name(),
            Checker::Alarm(_) => Kind::CloudwatchAlarm.name(),
        }
    }
}

/// A text in English with an optional Vietnamese translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// English, always present.
    pub en: String,
    /// Vietnamese, when translated.
    pub vi: Option<String>,
}

impl Text {
    /// The text in `lang`, falling back to English.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.vi) {
            (Lang::Vi, Some(vi)) => vi,
            _ => &self.en,
        }
    }
}

/// One check of an exercise. Explicitly not `Serialize`.
#[derive(Debug, Clone)]
pub struct Check {
    /// Unique in the exercise.
    pub id: String,
    /// What the check wants, shown when it fails.
    pub message: Text,
    /// How to get there, shown when it fails.
    pub hint: Text,
    /// What is tested.
    pub test: Test,
    /// Line of the check's `[[checks]]` header in `exercise.toml`.
    pub line: usize,
}

/// What a check tests.
#[derive(Debug, Clone)]
pub enum Test {
    /// The linter's findings.
    Rule(Rule),
    /// A value of the parsed YAML or JSON document.
    Path {
        /// Where.
        path: DocPath,
        /// What must hold.
        assertion: Assertion,
        /// For every value the path reaches, or for one.
        quantifier: Quantifier,
    },
    /// The instructions of a Dockerfile with one keyword.
    Instruction {
        /// Upper-case keyword (`USER`).
        keyword: String,
        /// Which instructions.
        scope: Scope,
        /// What must hold (`exists`, `absent`, `matches`, `count_min`, `count_max`).
        assertion: Assertion,
        /// For every matching instruction, or for one (`matches` only).
        quantifier: Quantifier,
    },
    /// A data kind's check: the verdict of the data module on one part of the answer.
    Data {
        /// The part (`lead_time_median_hours`, `bottleneck`, `drift`); one of
        /// [`DataKind::check_keys`].
        key: String,
    },
    /// A `cloudwatch-alarm` exercise's check on its metric series: the learner's alarm,
    /// simulated over the series, fires (or stays quiet) within a window of minutes.
    Alarm {
        /// Whether the alarm must fire or stay quiet.
        expect: AlarmExpectation,
        /// First minute of the window, from 1 (the series' first datapoint).
        from: usize,
        /// Last minute of the window, included; at most the series' length.
        to: usize,
    },
}

/// What an `alarm` check wants of the simulated alarm within its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmExpectation {
    /// `alarm = "fires"`: the alarm is in ALARM after at least one minute of the window.
    Fires,
    /// `alarm = "quiet"`: the alarm is in ALARM after no minute of the window.
    Quiet,
}

/// A check on the linter's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// No finding with this rule id, of any severity.
    Id(String),
    /// No error-severity finding at all (`*errors`).
    NoErrors,
}

/// What must hold of a value (or of a Dockerfile's instructions).
#[derive(Debug, Clone)]
pub enum Assertion {
    /// The value is there.
    Exists,
    /// The value is not there.
    Absent,
    /// The value equals this one.
    Equals(toml::Value),
    /// The value equals one of these.
    OneOf(Vec<toml::Value>),
    /// The scalar's text matches.
    Matches(regex::Regex),
    /// The value has this type.
    Type(ValueType),
    /// At least this many items.
    CountMin(usize),
    /// At most this many items.
    CountMax(usize),
    /// Some item of the list matches.
    ContainsMatch(regex::Regex),
}

/// The types `type = "..."` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A string.
    String,
    /// A whole or decimal number.
    Number,
    /// `true` or `false`.
    Bool,
    /// A list.
    List,
    /// A mapping.
    Map,
    /// `null`, `~` or nothing.
    Null,
}

/// Whether an assertion must hold for every value a path reaches or for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quantifier {
    /// Every value (the default).
    #[default]
    All,
    /// At least one value (`for = "any"`).
    Any,
}

/// Which instructions of a Dockerfile an `instruction` check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The final stage, the image that ships (the default).
    #[default]
    FinalStage,
    /// The whole file (`scope = "all"`).
    All,
}

/// A known-wrong answer. Explicitly not `Serialize`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongAnswer {
    /// The file, relative to the exercise folder.
    pub file: String,
    /// Its text.
    pub text: String,
    /// The ids of exactly the checks it must fail.
    pub fails: Vec<String>,
    /// Line of its `[[wrong]]` header in `exercise.toml`.
    pub line: usize,
}

/// When a learner may see the reference solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SolutionPolicy {
    /// After this many failed submissions; `Some(0)` always, `None` never.
    pub after_failed: Option<u32>,
}
