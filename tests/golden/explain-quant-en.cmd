explain tests/data/quant tests/data/quant/cases.ndjson --case Q-1 --rule OV-1 --lang en
