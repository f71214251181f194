lint tests/data/layers/amend-bad-step
