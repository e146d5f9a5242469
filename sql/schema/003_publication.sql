-- Version 3: versions ordered by the publisher, not by arrival (warehouse/versions.py).
-- What the publisher says about each document, and why a version is or is not current.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS published_on DATE;            -- the publisher's date
ALTER TABLE documents ADD COLUMN IF NOT EXISTS published_source VARCHAR;     -- 'detail page' | 'listing' | 'manifest' | 'Last-Modified'
ALTER TABLE documents ADD COLUMN IF NOT EXISTS published_evidence VARCHAR;   -- the text the date was read from
ALTER TABLE documents ADD COLUMN IF NOT EXISTS correction_mark VARCHAR;      -- 更正 / 修订 / 重新公开 … in a title
ALTER TABLE documents ADD COLUMN IF NOT EXISTS version_reason VARCHAR;       -- why current, or why superseded
ALTER TABLE documents ADD COLUMN IF NOT EXISTS chosen_by VARCHAR;            -- operator who made it current
ALTER TABLE documents ADD COLUMN IF NOT EXISTS chosen_why VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS chosen_at TIMESTAMP;          -- UTC
