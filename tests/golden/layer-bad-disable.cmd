lint tests/data/layers/bad-disable
