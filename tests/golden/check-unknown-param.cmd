check rules/missbruk cases/exempel.ndjson --param utredning_inom_dagr=7
