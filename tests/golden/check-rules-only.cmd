check rules/missbruk
