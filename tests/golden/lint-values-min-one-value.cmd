lint tests/data/lint/values-min-one-value.akt
