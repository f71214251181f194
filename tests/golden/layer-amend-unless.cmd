check tests/data/layers/amend-unless tests/data/layers/amend-unless/cases.ndjson --format md
