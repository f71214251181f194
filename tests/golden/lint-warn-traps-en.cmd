lint --lang en tests/data/lint/warn-traps.akt
