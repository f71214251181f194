doc rules/exempel-kommun --lang en
