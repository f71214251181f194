lint tests/data/lint/missing-requires.akt
