import --mapping cases/import/wide.toml cases/import/wide-socialsystem.csv
