lint tests/data/lint/unclosed-paren.akt
