-- Every document (all versions and outcomes) with its city-scope decision.
COPY (
    SELECT d.*, s.in_city_scope, s.reason AS scope_reason
    FROM documents AS d
    LEFT JOIN v_city_scope AS s ON s.document_id = d.document_id
) TO $path (FORMAT parquet, COMPRESSION zstd);
