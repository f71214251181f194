lint tests/data/lint/overlapping-versions.akt
