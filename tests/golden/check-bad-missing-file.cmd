check rules/missbruk cases/finns-inte.ndjson
