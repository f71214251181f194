sample cases/exempel.ndjson
