pseudonymize tests/data/robust/blandat.ndjson /tmp/aktkoll-golden-should-not-exist.ndjson
