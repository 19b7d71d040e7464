-- 0002: graded submissions (quiz answers and, later, exercise solutions) and hint reveals.
--
-- One table serves every graded item so that attempts, best and latest scores and
-- progress work the same way for quizzes and hands-on exercises:
--   kind = 'question': quiz_id is the quiz, item_id the question id; `answer` is the
--          learner's answer as JSON in the AUTHORED option order (not the learner's
--          shuffled order), so item analysis (facility, discrimination, most-chosen
--          wrong option) can compare learners directly.
--   kind = 'exercise': quiz_id is '', item_id the exercise id; `answer` is the file.
-- `attempt` counts this learner's submissions of this item, from 1. Every row stays:
-- the latest and the best score are derived, never overwritten.

CREATE TABLE submissions (
    id           TEXT PRIMARY KEY NOT NULL,
    learner_id   TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    module_slug  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('question', 'exercise')),
    quiz_id      TEXT NOT NULL DEFAULT '',
    item_id      TEXT NOT NULL,
    attempt      INTEGER NOT NULL CHECK (attempt >= 1),
    answer       TEXT NOT NULL,
    result       TEXT NOT NULL DEFAULT '{}',
    correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
    score        REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (learner_id, module_slug, kind, quiz_id, item_id, attempt)
);

-- The instructor dashboard (a later issue) reads answers per item across learners.
CREATE INDEX submissions_by_item ON submissions (module_slug, kind, quiz_id, item_id);

-- Hints are revealed one at a time; each reveal is kept, like an answer.
CREATE TABLE hint_reveals (
    learner_id  TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    module_slug TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('question', 'exercise')),
    quiz_id     TEXT NOT NULL DEFAULT '',
    item_id     TEXT NOT NULL,
    hint_index  INTEGER NOT NULL CHECK (hint_index >= 0),
    revealed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (learner_id, module_slug, kind, quiz_id, item_id, hint_index)
) WITHOUT ROWID;
