lint tests/data/layers/amend-event-twice
