lint tests/data/lint/missing-brace.akt
