check rules/missbruk cases/exempel.ndjson --format csv
