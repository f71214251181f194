watch rules/exempel-kommun cases/exempel.ndjson --once --no-findings
