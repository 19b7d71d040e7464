-- 0004: DORA reports a learner chose to keep.
--
-- The DORA calculator (module 6) computes the four keys from a team's own deployments
-- and incidents on the server and forgets the data; only when the learner ticks "keep
-- this report" is a row stored here, and it holds the computed figures only, never the
-- uploaded files (which may name services or people). `metrics` is the JSON of
-- lab_core::data::dora::DoraMetrics, so adding a figure needs no migration.

CREATE TABLE dora_reports (
    id          TEXT PRIMARY KEY NOT NULL,
    learner_id  TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    metrics     TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX dora_reports_by_learner ON dora_reports (learner_id, created_at);
