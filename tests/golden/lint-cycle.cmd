lint tests/data/lint/cycle.akt
