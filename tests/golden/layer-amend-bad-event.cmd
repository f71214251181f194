lint tests/data/layers/amend-bad-event
