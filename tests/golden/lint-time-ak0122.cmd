lint tests/data/lint/time-ak0122.akt
