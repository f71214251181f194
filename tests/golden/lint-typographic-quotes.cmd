lint tests/data/lint/typographic-quotes.akt
