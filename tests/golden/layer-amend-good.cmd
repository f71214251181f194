doc tests/data/layers/amend-good
