fmt tests/data/fmt/bad/duplicate.akt
