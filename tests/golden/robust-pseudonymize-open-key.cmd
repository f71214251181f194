pseudonymize --key-file tests/data/robust/open.key tests/data/robust/blandat.ndjson /tmp/aktkoll-golden-should-not-exist.ndjson
