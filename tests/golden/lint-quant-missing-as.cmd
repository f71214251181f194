lint tests/data/lint/quant-missing-as.akt
