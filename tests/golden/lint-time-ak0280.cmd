lint tests/data/lint/time-ak0280.akt
