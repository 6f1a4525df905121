-- The raw p95 latency of a run, for the dashboard's history table. NULL for runs recorded before it was kept.
ALTER TABLE runs ADD COLUMN total_p95_ms REAL;
