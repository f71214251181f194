lint tests/data/lint/warn-never-applies.akt
