diff rules/missbruk rules/exempel-kommun cases/exempel.ndjson
