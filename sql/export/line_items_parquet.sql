-- Line items of usable current documents with their year and unit, one Parquet
-- directory per fiscal year (fiscal_year=YYYY/…). Amounts stay DECIMAL(18,6) 万元.
COPY (
    SELECT * FROM v_line_items_unit WHERE fiscal_year IS NOT NULL
) TO $path (FORMAT parquet, PARTITION_BY (fiscal_year), COMPRESSION zstd, OVERWRITE_OR_IGNORE);
