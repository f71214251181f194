diff rules/missbruk cases/exempel.ndjson --param utredning_inom_dagar=7 --format json
