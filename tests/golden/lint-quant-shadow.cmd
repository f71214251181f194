lint tests/data/lint/quant-shadow.akt
