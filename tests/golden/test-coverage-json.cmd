test --coverage --format json rules/exempel-kommun
