lint tests/data/lint/values-if-list.akt
