lint tests/data/lint/repeated-name.akt
