-- Runs on the connection that holds the ingest database as its default catalog, with
-- the new snapshot attached as "snap".
INSERT INTO snap.documents BY NAME SELECT * FROM documents;
