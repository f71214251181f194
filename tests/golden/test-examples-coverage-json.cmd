test --coverage --format json tests/data/examples
