lint tests/data/lint/type-date-string.akt
