lint tests/data/lint/missing-cite.akt
