doc tests/data/quant
