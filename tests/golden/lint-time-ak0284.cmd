lint tests/data/lint/time-ak0284.akt
