check rules/missbruk cases/exempel.ndjson --period 2025-13-01..2025-12-31
