sample cases/exempel.ndjson --n 5 --seed 7 --period 2026-01-01..2026-06-30 --format json
