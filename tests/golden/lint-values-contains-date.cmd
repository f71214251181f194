lint tests/data/lint/values-contains-date.akt
