lint tests/data/lint/quant-missing-has.akt
