doc rules/ragunda
