-- A name seen again: remember the spelling, and show the latest year's name.
UPDATE units
SET names_seen = CASE WHEN list_contains(names_seen, $name) THEN names_seen
                      ELSE list_append(names_seen, $name) END,
    display_name = CASE WHEN $fiscal_year IS NOT NULL
                             AND (display_year IS NULL OR $fiscal_year >= display_year)
                        THEN $name ELSE display_name END,
    display_year = CASE WHEN $fiscal_year IS NOT NULL
                             AND (display_year IS NULL OR $fiscal_year >= display_year)
                        THEN $fiscal_year ELSE display_year END
WHERE unit_id = $unit_id;
