-- Runs on the connection that holds the ingest database as its default catalog, with
-- the new snapshot attached as "snap".
INSERT INTO snap.findings BY NAME SELECT * FROM findings;
