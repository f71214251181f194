lint tests/data/layers/amend-step-twice
