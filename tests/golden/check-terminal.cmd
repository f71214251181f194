check rules/missbruk cases/exempel.ndjson
