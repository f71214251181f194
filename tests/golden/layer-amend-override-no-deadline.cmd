lint tests/data/layers/amend-override-no-deadline
