test tests/data/examples
