explain rules/missbruk cases/exempel.ndjson --case K-2025-020 --rule SIP-1 --lang en
