lint tests/data/lint/quant-bare-binding.akt
