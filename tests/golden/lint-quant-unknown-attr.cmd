lint tests/data/lint/quant-unknown-attr.akt
