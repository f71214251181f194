lint tests/data/lint/warn-always-holds.akt
