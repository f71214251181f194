check rules/missbruk cases/exempel.ndjson --question 99
