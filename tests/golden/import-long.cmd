import --mapping cases/import/long.toml cases/import/long-handelser.csv
