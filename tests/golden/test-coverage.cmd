test --coverage rules/missbruk
