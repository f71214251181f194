lint tests/data/lint/quant-keyword-name.akt
