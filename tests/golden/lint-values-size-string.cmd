lint tests/data/lint/values-size-string.akt
