lint tests/data/lint/quant-consecutive-attr.akt
