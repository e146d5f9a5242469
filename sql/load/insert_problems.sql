INSERT INTO problems BY NAME SELECT * FROM arrow_problems;
