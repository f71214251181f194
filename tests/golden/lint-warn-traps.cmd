lint tests/data/lint/warn-traps.akt
