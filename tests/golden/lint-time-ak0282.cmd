lint tests/data/lint/time-ak0282.akt
