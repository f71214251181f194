lint tests/data/layers/bad-extend
