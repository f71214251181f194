lint tests/data/lint/good.akt --param utredning_inom_dagar=sju
