lint tests/data/lint/time-ak0285-wrapped.akt
