lint tests/data/layers/amend-deadline-exists
