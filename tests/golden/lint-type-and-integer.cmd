lint tests/data/lint/type-and-integer.akt
