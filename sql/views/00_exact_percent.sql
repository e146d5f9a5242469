-- A percentage from two exact amounts, exact: num / den × 100 rounded half away from zero
-- to 2 places, as DECIMAL(18,2). DuckDB divides DECIMALs in DOUBLE, which can round
-- 12.345 down; here the amounts (DECIMAL(18,6)) are scaled to integers and divided in
-- HUGEINT. NULL when either side is NULL or the base is 0: no rate against nothing.
CREATE OR REPLACE MACRO exact_percent(num, den) AS
CASE
    WHEN num IS NULL OR den IS NULL OR den = 0 THEN NULL
    ELSE CAST(
        CAST(sign(num) * sign(den)
             * ((abs(CAST(CAST(num AS DECIMAL(38,6)) * 1000000 AS HUGEINT)) * 20000
                 // abs(CAST(CAST(den AS DECIMAL(38,6)) * 1000000 AS HUGEINT)) + 1) // 2) AS DECIMAL(38,2)) * 0.01
        AS DECIMAL(18,2))
END;

COMMENT ON MACRO exact_percent IS 'num / den × 100, exact, rounded half away from zero to 2 places (DECIMAL(18,2)); NULL when a side is NULL or den is 0.';
