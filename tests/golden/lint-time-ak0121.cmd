lint tests/data/lint/time-ak0121.akt
