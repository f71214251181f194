lint tests/data/lint/time-ak0283.akt
