-- Data test (zero rows = pass): a budget never counts in the final-account city views, and
-- a final never in the budget views.
SELECT 'final scope' AS view, s.document_id, d.doc_type
FROM v_city_scope AS s JOIN documents AS d USING (document_id)
WHERE s.in_city_scope AND coalesce(d.doc_type, 'final') <> 'final'
UNION ALL
SELECT 'budget scope', s.document_id, d.doc_type
FROM v_budget_scope AS s JOIN documents AS d USING (document_id)
WHERE s.in_budget_scope AND coalesce(d.doc_type, 'final') <> 'budget';
