lint tests/data/lint/time-ak0281.akt
