lint tests/data/lint/explain-placeholder.akt
