lint tests/data/lint/cut-file.akt
