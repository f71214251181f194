explain tests/data/quant tests/data/quant/cases.ndjson --case Q-2 --rule VP-B
