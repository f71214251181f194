lint tests/data/lint/period-backwards.akt
