diff rules/missbruk cases/exempel.ndjson --param vårdplan_inom_dagar=10 --max-cases 2
