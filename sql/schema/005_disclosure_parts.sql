-- Version 5: one disclosure, several attachments. `disclosure` is the key a file was
-- published under (a portal entry, or the folder, with unit, year and type: see
-- juesuan/disclosure.py); `part_of` marks an attachment that prints no figures (a
-- 情况说明 published apart from its 报表) with the document id of its sibling that prints
-- the tables. Such a part is stored with its narrative findings, is never a version of
-- the unit-year and never counts in a city view.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS disclosure VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS part_of VARCHAR;
