-- History pages are read from columns, never by decoding configs: the config's users and target get their
-- own columns, backfilled here from the stored wire JSON (left NULL where it does not hold them).
ALTER TABLE runs ADD COLUMN users INTEGER;
ALTER TABLE runs ADD COLUMN target TEXT;
-- 1 when the stored config fails the rules of the build that last checked it.
ALTER TABLE runs ADD COLUMN config_outdated INTEGER NOT NULL DEFAULT 0 CHECK (config_outdated IN (0, 1));
-- Which open of the history checked config_outdated; NULL = not checked yet, so the next read checks it.
ALTER TABLE runs ADD COLUMN config_checked_by TEXT;
UPDATE runs SET
    users = CASE WHEN json_type(config_json, '$.users') = 'integer' THEN json_extract(config_json, '$.users') END,
    target = CASE WHEN json_type(config_json, '$.target_base_url') = 'text'
                  THEN json_extract(config_json, '$.target_base_url') END
    WHERE json_valid(config_json)
