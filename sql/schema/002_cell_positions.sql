-- Version 2: where each figure is printed, so a reviewer's page image can highlight it.
-- (x0, top, x1, bottom) of the ruled cell in points on the displayed page, origin top-left;
-- NULL for records not read from a ruled cell (synthetic or older loads).
ALTER TABLE line_items ADD COLUMN IF NOT EXISTS cell_x0 FLOAT;
ALTER TABLE line_items ADD COLUMN IF NOT EXISTS cell_top FLOAT;
ALTER TABLE line_items ADD COLUMN IF NOT EXISTS cell_x1 FLOAT;
ALTER TABLE line_items ADD COLUMN IF NOT EXISTS cell_bottom FLOAT;
