lint tests/data/lint/values-in-not-list.akt
