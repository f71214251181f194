lint tests/data/lint/versions-without-judged.akt
