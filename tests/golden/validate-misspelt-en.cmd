validate --lang en rules/missbruk tests/data/misspelt/cases.ndjson
