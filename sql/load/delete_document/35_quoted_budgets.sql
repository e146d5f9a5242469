DELETE FROM quoted_budgets WHERE document_id = $document_id;
