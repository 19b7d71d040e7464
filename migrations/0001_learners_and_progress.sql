-- 0001: learners and page progress.
--
-- Ids are random UUIDs stored as text: they can be created anywhere (no round trip for
-- an autoincrement), never reveal how many learners there are, and map to PostgreSQL's
-- `uuid` type unchanged. Timestamps are UTC ISO 8601 text (`timestamptz` later).
--
-- Content is referred to by slug (`module_slug`, `page_slug`): folder and file names
-- without their numeric prefix, so reordering the content keeps every learner's progress.
--
-- Later migrations add accounts (a learner gains credentials and keeps its id), cohorts
-- (`cohorts`, `cohort_members(cohort_id, learner_id)`), and quiz and exercise attempts,
-- all keyed to `learners.id`.

CREATE TABLE learners (
    id              TEXT PRIMARY KEY NOT NULL,
    lang            TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'vi')),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_seen_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- Where "continue where you left off" leads: the last step page opened.
    last_module_slug TEXT,
    last_page_slug   TEXT
);

-- One row per learner and completed page: marking twice keeps the first time.
CREATE TABLE page_progress (
    learner_id   TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    module_slug  TEXT NOT NULL,
    page_slug    TEXT NOT NULL,
    completed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (learner_id, module_slug, page_slug)
) WITHOUT ROWID;

-- The instructor's view (a later issue) counts completions per page.
CREATE INDEX page_progress_by_page ON page_progress (module_slug, page_slug);
