explain rules/missbruk cases/exempel.ndjson
