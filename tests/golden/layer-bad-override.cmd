lint tests/data/layers/bad-override
