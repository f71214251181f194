lint tests/data/lint/missing-after-and.akt
