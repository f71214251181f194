sample cases/exempel.ndjson --n 9 --seed 42 --stratify unit
