lint tests/data/lint/unknown-rule.akt
