-- Rebuild dim_economic_code from what current documents print (table 06).
-- Needs the macro of printed_code_dimension.sql on this connection.
DELETE FROM dim_economic_code;
INSERT INTO dim_economic_code SELECT * FROM printed_code_dimension('economic');
