lint tests/data/lint/label-without-article.akt
