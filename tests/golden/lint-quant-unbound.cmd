lint tests/data/lint/quant-unbound.akt
