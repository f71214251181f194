lint tests/data/lint/time-ak0123.akt
