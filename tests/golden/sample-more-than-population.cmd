sample cases/exempel.ndjson --n 100 --seed 3 --period 2026-01-01..2026-06-30
