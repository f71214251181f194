lint tests/data/lint/values-min-mixed.akt
