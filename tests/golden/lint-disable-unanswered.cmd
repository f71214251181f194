lint rules/exempel-kommun
