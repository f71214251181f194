diff rules/missbruk cases/exempel.ndjson --param utredning_inom_dagar=7 --max-cases 1 --format md
