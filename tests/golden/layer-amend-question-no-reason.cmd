lint tests/data/layers/amend-question-no-reason
