-- Where a run's report files stand: none (not begun), pending (being written: a record still pending at
-- start-up was cut short by a crash, and start-up finishes or fails its reports), written, failed.
ALTER TABLE runs ADD COLUMN reports_state TEXT NOT NULL DEFAULT 'none'
    CHECK (reports_state IN ('none', 'pending', 'written', 'failed'));
-- Runs recorded before the state was kept: the ones that list report files had them written.
UPDATE runs SET reports_state = 'written' WHERE report_files <> '[]';
-- Start-up recovery looks only for pending reports.
CREATE INDEX runs_reports_state ON runs (reports_state)
