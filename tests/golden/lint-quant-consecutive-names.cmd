lint tests/data/lint/quant-consecutive-names.akt
