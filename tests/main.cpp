// Catch2's runner. GCC 12 with the sanitizers reports a false
// -Wmaybe-uninitialized inside <regex>/<functional> as used by Catch2.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
