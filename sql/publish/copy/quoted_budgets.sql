-- Runs on the connection that holds the ingest database as its default catalog, with
-- the new snapshot attached as "snap".
INSERT INTO snap.quoted_budgets BY NAME SELECT * FROM quoted_budgets;
