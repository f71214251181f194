lint tests/data/lint/unknown-attribute.akt
