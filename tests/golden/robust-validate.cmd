validate tests/data/robust/blandat.ndjson
