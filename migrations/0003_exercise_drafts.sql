-- 0003: the learner's working copy of each hands-on exercise.
--
-- The editor autosaves here as the learner types, so a reload, a crash or a flat
-- battery loses nothing. One row per (learner, module, exercise), overwritten on each
-- save: the draft is a convenience, while every *submission* stays in `submissions`.
-- `revision` counts saves, so a late autosave from a stale tab cannot overwrite a newer
-- draft (the server refuses a save whose base revision is not the current one).
-- `last_run` is the JSON result of the latest check of this exercise, including a file
-- that could not be read at all (which is not a submission), so the page can show it
-- after a reload or a form post without JavaScript. Resetting to the starter deletes
-- the row.

CREATE TABLE exercise_drafts (
    learner_id  TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    module_slug TEXT NOT NULL,
    exercise_id TEXT NOT NULL,
    source      TEXT NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    last_run    TEXT,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (learner_id, module_slug, exercise_id)
) WITHOUT ROWID;
