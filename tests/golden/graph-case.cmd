graph rules/missbruk cases/exempel.ndjson --case K-2024-001
