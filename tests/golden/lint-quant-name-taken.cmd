lint tests/data/lint/quant-name-taken.akt
