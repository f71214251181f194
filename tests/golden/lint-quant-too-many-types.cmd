lint tests/data/lint/quant-too-many-types.akt
