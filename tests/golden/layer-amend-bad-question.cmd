lint tests/data/layers/amend-bad-question
