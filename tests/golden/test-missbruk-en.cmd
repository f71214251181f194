test rules/missbruk --lang en
