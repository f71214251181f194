lint tests/data/lint/values-multiply-dates.akt
