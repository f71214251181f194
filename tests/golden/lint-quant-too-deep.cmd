lint tests/data/lint/quant-too-deep.akt
