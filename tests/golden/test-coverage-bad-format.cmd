test --coverage --format xml rules/missbruk
