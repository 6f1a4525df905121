-- A finished run's CI verdict: passed, or failed (the run failed, or one of its thresholds did); NULL while it runs.
ALTER TABLE runs ADD COLUMN verdict TEXT CHECK (verdict IS NULL OR verdict IN ('passed', 'failed'));
-- Runs recorded before thresholds existed had none, so their verdict is whether they failed.
UPDATE runs SET verdict = CASE status WHEN 'failed' THEN 'failed' ELSE 'passed' END
    WHERE status IN ('completed', 'cancelled', 'failed');
-- GET /history?verdict=... pages through one verdict, newest first.
CREATE INDEX runs_verdict ON runs (verdict, started_at DESC, run_id DESC)
