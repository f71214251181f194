lint tests/data/lint/quant-self-compare.akt
