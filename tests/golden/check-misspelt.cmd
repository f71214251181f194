check --totals rules/missbruk tests/data/misspelt/cases.ndjson
