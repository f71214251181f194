check rules/missbruk tests/data/export.xlsx
