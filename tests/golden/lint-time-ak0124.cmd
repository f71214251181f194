lint tests/data/lint/time-ak0124.akt
