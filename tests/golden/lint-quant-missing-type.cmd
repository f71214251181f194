lint tests/data/lint/quant-missing-type.akt
