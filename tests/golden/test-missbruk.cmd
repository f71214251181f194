test rules/missbruk
