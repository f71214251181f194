#!/usr/bin/env bash
# Installs the Debian packages only the tests need (scripts/test.sh runs this),
# so that no check is skipped for want of its tool:
#   chromium          tests/html_screenshot.sh (the HTML report drawn, and printed to PDF)
#   poppler-utils     tests/html_screenshot.sh (pdfinfo: the PDF's pages)
#   libreoffice-calc  tests/xlsx_export.sh (the workbook as LibreOffice reads it)
#   python3-openpyxl  tests/xlsx_export.sh (the workbook as openpyxl reads it)
#   graphviz          tests/graph_dot.sh (dot draws aktkoll graph's output)
#   clang-14          tests/fuzz/run.sh (libFuzzer)
#   dpkg-dev          tests/install.sh (CPack's dpkg-shlibdeps finds the package's dependencies)
#   debootstrap       tests/install.sh (a clean Debian 12 to install the package into)
#   unzip             tests/xlsx_export.sh (the workbook's sheet names)
set -euo pipefail
exec bash "$(dirname "$0")/deps.sh" chromium poppler-utils libreoffice-calc python3-openpyxl graphviz clang-14 \
  dpkg-dev debootstrap unzip
