INSERT INTO documents (
    document_id, sha256, unit_name, unit_id, fiscal_year, doc_type, scope, consolidated,
    source_uri, file_name, page_count, amount_unit_printed,
    tables_present, tables_empty, tables_absent, line_item_count,
    status, status_reason, ingested_at, run_id,
    published_on, published_source, published_evidence, correction_mark, disclosure, part_of
) VALUES (
    $document_id, $sha256, $unit_name, $unit_id, $fiscal_year, $doc_type, $scope, $consolidated,
    $source_uri, $file_name, $page_count, $amount_unit_printed,
    $tables_present, $tables_empty, $tables_absent, $line_item_count,
    $status, $status_reason, $ingested_at, $run_id,
    $published_on, $published_source, $published_evidence, $correction_mark, $disclosure, $part_of
);
