validate --lang en tests/data/robust/blandat.ndjson
