lint tests/data/lint/values-age-without-born.akt
