validate cases/exempel-dokument.json
