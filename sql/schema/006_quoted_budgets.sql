-- Version 6: the year-start budget figures a final's narrative quotes ("年初预算数224.46万元"),
-- each bound to the budget table cell it stands for (juesuan/validate/narrative/quoted.py),
-- to be compared with the unit's own published budget (v_budget_narrative_crosscheck).
CREATE TABLE IF NOT EXISTS quoted_budgets (
    document_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    table_id     VARCHAR NOT NULL,
    row_key      VARCHAR NOT NULL,
    column_key   VARCHAR NOT NULL,
    amount       DECIMAL(18,6) NOT NULL,   -- 万元
    page         INTEGER,
    quote        VARCHAR                    -- the sentence as printed (first 200 characters)
);
