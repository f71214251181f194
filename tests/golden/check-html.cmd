check rules/missbruk cases/exempel.ndjson --format html
