check rules/finns-inte cases/exempel.ndjson
