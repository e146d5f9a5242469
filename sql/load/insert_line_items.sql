-- arrow_line_items is a pyarrow Table the loader registers for this statement only.
INSERT INTO line_items BY NAME SELECT * FROM arrow_line_items;
