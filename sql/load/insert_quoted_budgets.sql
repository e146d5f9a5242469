INSERT INTO quoted_budgets BY NAME SELECT * FROM arrow_quoted_budgets;
