lint --lang en tests/data/lint/no-break-space.akt
