import --mapping cases/import/wide.toml cases/import/bad-rows.csv
