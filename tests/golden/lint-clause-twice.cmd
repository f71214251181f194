lint tests/data/lint/clause-twice.akt
