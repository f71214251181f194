explain rules/missbruk cases/exempel.ndjson --case K-9999-999
