lint tests/data/layers/amend-question-twice
