fmt --check tests/data/fmt/messy.formatted.akt
