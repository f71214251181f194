check rules/missbruk cases
