INSERT INTO units (unit_key, display_name, display_year, names_seen, created_at)
VALUES ($unit_key, $display_name, $display_year, [$display_name], $created_at)
RETURNING unit_id;
