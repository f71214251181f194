lint tests/data/layers/shadow
