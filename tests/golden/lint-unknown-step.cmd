lint tests/data/lint/unknown-step.akt
