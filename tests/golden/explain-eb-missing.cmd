explain rules/missbruk cases/exempel.ndjson --case K-2024-002 --rule SIP-1
