lint rules/missbruk
