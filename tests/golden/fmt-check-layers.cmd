fmt --check tests/data/layers/amend-good rules/ragunda
