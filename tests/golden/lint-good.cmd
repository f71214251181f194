lint tests/data/lint/good.akt
