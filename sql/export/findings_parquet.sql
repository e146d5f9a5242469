COPY (SELECT * FROM findings) TO $path (FORMAT parquet, COMPRESSION zstd);
