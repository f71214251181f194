lint tests/data/lint/values-if-branch-types.akt
