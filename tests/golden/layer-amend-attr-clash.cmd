lint tests/data/layers/amend-attr-clash
