# Sourced by the test scripts that need an outside program (a browser,
# LibreOffice, clang, ...). Without the program a check is skipped on a
# developer's machine, but fails where AKTKOLL_REQUIRE_VIEWERS=1
# (scripts/test.sh sets it after scripts/test-deps.sh installed them all), so
# CI never passes a check it did not run.
#
#   missing_tool TEST WHAT PACKAGE   -> exits 0 (skipped) or 1 (required)
missing_tool() {
    if [[ "${AKTKOLL_REQUIRE_VIEWERS:-}" == 1 ]]; then
        echo "$1: FAIL: $2 is not installed (apt-get install $3; scripts/test-deps.sh installs it)"
        exit 1
    fi
    echo "$1: skipped ($2 is not installed: apt-get install $3)"
    exit 0
}
