lint --lang en rules/missbruk
