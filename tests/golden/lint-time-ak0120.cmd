lint tests/data/lint/time-ak0120.akt
