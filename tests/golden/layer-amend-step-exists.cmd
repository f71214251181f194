lint tests/data/layers/amend-step-exists
