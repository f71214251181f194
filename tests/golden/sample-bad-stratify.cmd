sample cases/exempel.ndjson --n 3 --seed 1 --stratify enhet
