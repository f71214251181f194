lint tests/data/lint/unknown-process.akt
