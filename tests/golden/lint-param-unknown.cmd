lint tests/data/lint/good.akt --param utredning_inom_dagr=7
