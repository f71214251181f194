sample cases/exempel.ndjson --n 4 --seed 1 --stratify unit --lang en
