doc rules/missbruk
