fmt --check tests/data/fmt
