validate --lang en cases/bad-records.ndjson
