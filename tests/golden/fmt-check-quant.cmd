fmt --check tests/data/quant/regler.akt
