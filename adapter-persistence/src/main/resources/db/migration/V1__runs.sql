-- Run history: one row per run, replaced whole on every update of its record.
-- Times are UTC ISO-8601 with exactly nine fraction digits, so their text order is their time order.
CREATE TABLE runs (
    run_id          TEXT    NOT NULL PRIMARY KEY,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    phase           TEXT,
    started_at      TEXT    NOT NULL,
    ended_at        TEXT,
    config_json     TEXT    NOT NULL,
    total_requests  INTEGER NOT NULL DEFAULT 0,
    total_failures  INTEGER NOT NULL DEFAULT 0,
    total_rps       REAL    NOT NULL DEFAULT 0,
    total_p99_ms    REAL    NOT NULL DEFAULT 0,
    report_files    TEXT    NOT NULL DEFAULT '[]',
    error           TEXT,
    analysis_state  TEXT    NOT NULL DEFAULT 'none' CHECK (analysis_state IN ('none', 'pending', 'done', 'failed')),
    analysis_json   TEXT,
    analysis_error  TEXT
);

-- History pages and retention both walk runs newest first.
CREATE INDEX runs_started_at ON runs (started_at DESC, run_id DESC);

-- Start-up recovery looks only for unfinished runs.
CREATE INDEX runs_status ON runs (status);
