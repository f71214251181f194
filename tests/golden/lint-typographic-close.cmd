lint tests/data/lint/typographic-close.akt
