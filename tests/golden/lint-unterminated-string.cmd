lint tests/data/lint/unterminated-string.akt
