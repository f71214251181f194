explain rules/missbruk cases/exempel.ndjson --case K-2024-018 --rule VP-1
