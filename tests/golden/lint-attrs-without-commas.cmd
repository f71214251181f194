lint tests/data/lint/attrs-without-commas.akt
