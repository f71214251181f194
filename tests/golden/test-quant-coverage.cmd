test --coverage tests/data/quant
