lint tests/data/layers/amend-bad-process
