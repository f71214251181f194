lint tests/data/lint/bad-top-level.akt
