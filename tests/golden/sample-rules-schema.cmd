sample cases/exempel.ndjson --n 6 --seed 11 --rules rules/missbruk --stratify unit
