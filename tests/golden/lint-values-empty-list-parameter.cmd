lint tests/data/lint/values-empty-list-parameter.akt
