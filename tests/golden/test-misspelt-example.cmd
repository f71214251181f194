test tests/data/misspelt/pack
