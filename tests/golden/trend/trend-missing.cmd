trend tests/golden/trend/saknas.db
