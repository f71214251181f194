lint tests/data/lint/misspelled-clause.akt
