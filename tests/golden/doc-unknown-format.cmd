doc rules/missbruk --format pdf
