fmt --check --lang en tests/data/fmt/messy.akt tests/data/fmt/messy.formatted.akt
