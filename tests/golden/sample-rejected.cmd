sample cases/bad-records.ndjson --n 3 --seed 1
