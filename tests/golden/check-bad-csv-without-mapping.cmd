check rules/missbruk cases/import/wide-socialsystem.csv
