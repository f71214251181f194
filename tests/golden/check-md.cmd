check rules/missbruk cases/exempel.ndjson --format md
