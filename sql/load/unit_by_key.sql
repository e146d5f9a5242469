SELECT unit_id, display_name, display_year, names_seen
FROM units
WHERE unit_key = $unit_key;
