lint tests/data/layers/amend-override-no-reason
