diff cases/exempel.ndjson
