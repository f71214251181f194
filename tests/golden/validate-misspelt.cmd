validate rules/missbruk tests/data/misspelt/cases.ndjson
