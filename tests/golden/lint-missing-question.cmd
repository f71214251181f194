lint tests/data/lint/missing-question.akt
