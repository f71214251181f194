lint tests/data/lint/unknown-name.akt
