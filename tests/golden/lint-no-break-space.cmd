lint tests/data/lint/no-break-space.akt
