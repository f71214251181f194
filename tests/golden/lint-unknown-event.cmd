lint tests/data/lint/unknown-event.akt
