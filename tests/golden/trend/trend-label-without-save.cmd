check rules/missbruk cases/exempel.ndjson --period-label 2026H1
