-- Rebuild dim_function_code from what current documents print (tables 02/03/05/07/08).
-- Needs the macro of printed_code_dimension.sql on this connection.
DELETE FROM dim_function_code;
INSERT INTO dim_function_code SELECT * FROM printed_code_dimension('function');
