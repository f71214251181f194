explain rules/missbruk cases/exempel.ndjson --case K-2024-001 --rule SIP-9
