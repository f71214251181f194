// Diagnostic codes: each code is written once in the sources (so no two
// diagnostics share one), and docs/diagnostics.md explains exactly the codes
// the sources use, each in one row.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/read_error.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = AKTKOLL_SOURCE_DIR;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Code literal ("AK0244") -> the files writing it, once per occurrence.
std::multimap<std::string, std::string> codes_in_sources() {
    static const std::regex kLiteral("\"(AK[0-9]{4})\"");
    std::multimap<std::string, std::string> out;
    for (const char* folder : {"core", "dsl", "engine", "input", "run", "history", "intake", "authoring", "report", "tools"})
        for (const auto& entry : fs::directory_iterator(kSource / folder)) {
            const std::string text = slurp(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), kLiteral), end; it != end; ++it)
                out.emplace((*it)[1].str(), entry.path().lexically_relative(kSource).string());
        }
    return out;
}

// Code -> number of table rows in docs/diagnostics.md that start with it.
std::map<std::string, int> codes_in_docs() {
    static const std::regex kRow("^\\| (AK[0-9]{4}) \\|");
    std::map<std::string, int> out;
    std::istringstream in(slurp(kSource / "docs" / "diagnostics.md"));
    std::smatch m;
    for (std::string line; std::getline(in, line);)
        if (std::regex_search(line, m, kRow)) ++out[m[1].str()];
    return out;
}

}  // namespace

TEST_CASE("every diagnostic code is written once in the sources") {
    const auto codes = codes_in_sources();
    REQUIRE(codes.size() > 100);
    for (auto it = codes.begin(); it != codes.end(); it = codes.upper_bound(it->first)) {
        INFO(it->first << " in " << it->second);
        CHECK(codes.count(it->first) == 1);
    }
}

TEST_CASE("docs/diagnostics.md explains exactly the codes in use, once each") {
    const auto used = codes_in_sources();
    const auto documented = codes_in_docs();
    for (const auto& [code, file] : used) {
        INFO(code << " from " << file << " is not in docs/diagnostics.md");
        CHECK(documented.count(code) == 1);
    }
    for (const auto& [code, rows] : documented) {
        INFO(code << " is documented but not used, or in " << rows << " rows");
        CHECK(used.count(code) == 1);
        CHECK(rows == 1);
    }
}

TEST_CASE("every kind of read error has its own code") {
    std::set<std::string> seen;
    for (int k = 0; k <= static_cast<int>(aktkoll::ReadErrorKind::RowRejected); ++k) {
        const std::string code = aktkoll::read_error_code(static_cast<aktkoll::ReadErrorKind>(k));
        CHECK(std::regex_match(code, std::regex("AK07[0-9]{2}")));
        CHECK(seen.insert(code).second);
    }
}
