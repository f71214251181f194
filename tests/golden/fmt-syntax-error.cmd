fmt --check tests/data/fmt/bad/syntax-error.akt
