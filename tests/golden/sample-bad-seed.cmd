sample cases/exempel.ndjson --n 3 --seed -1
