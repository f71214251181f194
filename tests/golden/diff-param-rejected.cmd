diff rules/missbruk cases/bad-records.ndjson --param utredning_inom_dagar=7
