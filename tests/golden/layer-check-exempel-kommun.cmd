check rules/exempel-kommun cases/exempel.ndjson --format md --no-findings
