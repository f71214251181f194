check rules/missbruk tests/data/robust/blandat.ndjson --format json
