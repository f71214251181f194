check rules/missbruk cases/exempel.ndjson --save HISTORY
