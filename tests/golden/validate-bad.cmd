validate cases/bad-records.ndjson
