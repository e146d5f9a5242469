INSERT INTO findings BY NAME SELECT * FROM arrow_findings;
