lint tests/data/lint/duplicate-rule.akt
