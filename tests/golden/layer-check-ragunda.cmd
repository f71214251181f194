check rules/ragunda cases/exempel.ndjson --format md --no-findings
