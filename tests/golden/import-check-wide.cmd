check rules/missbruk cases/import/wide-socialsystem.csv --mapping cases/import/wide.toml --format csv
