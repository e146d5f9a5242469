-- Has this file content reached a definitive outcome? ('failed' is retried.)
SELECT count(*) > 0
FROM documents
WHERE sha256 = $sha256
  AND status <> 'failed';
