lint tests/data/lint/enum-value.akt
