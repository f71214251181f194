diff rules/missbruk rules/exempel-kommun cases/exempel.ndjson --format md --lang en
