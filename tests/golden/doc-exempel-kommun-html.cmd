doc rules/exempel-kommun --format html
