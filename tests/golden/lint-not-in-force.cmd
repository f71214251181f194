lint tests/data/lint/not-in-force.akt
