-- Has this file content reached a definitive outcome? ('failed' is retried, and so is a
-- 情况说明 set aside for want of its tables attachment: the tables may have come since.)
SELECT count(*) > 0
FROM documents AS d
WHERE d.sha256 = $sha256
  AND d.status <> 'failed'
  AND NOT (d.status = 'rejected'
           AND EXISTS (SELECT 1 FROM problems AS p
                       WHERE p.document_id = d.document_id AND p.code = 'narrative_only'));
