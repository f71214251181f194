// Rule packs found by name as well as by path (dsl/pack_search.hpp): the
// search order, and `uses "name"` in a local layer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "dsl/checker.hpp"
#include "dsl/pack_search.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

// Sets AKTKOLL_RULES_PATH for one test and restores it afterwards.
class RulesPath {
public:
    explicit RulesPath(const std::string& value) {
        if (const char* old = std::getenv("AKTKOLL_RULES_PATH")) old_ = old;
        ::setenv("AKTKOLL_RULES_PATH", value.c_str(), 1);
    }
    ~RulesPath() {
        if (old_) ::setenv("AKTKOLL_RULES_PATH", old_->c_str(), 1);
        else ::unsetenv("AKTKOLL_RULES_PATH");
    }

private:
    std::optional<std::string> old_;
};

std::string real_path(const fs::path& p) { return fs::weakly_canonical(p).string(); }

const char* kLayer = "pack lokal\n  version \"1\"\n  title \"Lokalt lager\"\nuses \"missbruk\"\n\n"
                     "override parameter utredning_inom_dagar = 7 because \"Lokal riktlinje\"\n";

}  // namespace

TEST_CASE("pack search: AKTKOLL_RULES_PATH entries come first, in order, each once") {
    testing::TempDir a("search-a"), b("search-b");
    fs::create_directories(a.dir() / "p");
    fs::create_directories(b.dir() / "p");
    fs::create_directories(b.dir() / "q");
    RulesPath env(a.dir().string() + "::/no/such/folder:" + b.dir().string() + ":" + a.dir().string());
    auto dirs = dsl::pack_search_dirs();
    REQUIRE(dirs.size() >= 2);
    CHECK(dirs[0] == real_path(a.dir()));
    CHECK(dirs[1] == real_path(b.dir()));
    CHECK(std::count(dirs.begin(), dirs.end(), real_path(a.dir())) == 1);
    CHECK(dsl::find_pack("p") == (a.dir() / "p").string());
    CHECK(dsl::find_pack("q") == (b.dir() / "q").string());
    CHECK_FALSE(dsl::find_pack("no-such-pack"));
    CHECK_FALSE(dsl::find_pack(""));
}

TEST_CASE("pack search: a path that exists wins over a pack of the same name") {
    testing::TempDir installed("search-installed"), local("search-local");
    fs::create_directories(installed.dir() / "missbruk");
    fs::create_directories(local.dir() / "missbruk");
    RulesPath env(installed.dir().string());
    CHECK(dsl::find_pack("missbruk", local.dir().string()) == (local.dir() / "missbruk").string());
    CHECK(dsl::find_pack("missbruk", local.dir().string() + "/elsewhere") == (installed.dir() / "missbruk").string());
    // Only a bare name is searched for: a path that does not exist stays
    // unfound, though the search folder has one by that relative path.
    fs::create_directories(installed.dir() / "sub" / "missbruk");
    CHECK_FALSE(dsl::find_pack("sub/missbruk", local.dir().string()));
}

TEST_CASE("pack search: a build tree inside the checkout finds the checkout's rules/") {
    std::error_code ec;
    const std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
    const std::string source = real_path(AKTKOLL_SOURCE_DIR);
    if (ec || exe.rfind(source + "/", 0) != 0) return;  // built outside the checkout
    auto dirs = dsl::pack_search_dirs();
    CHECK(std::find(dirs.begin(), dirs.end(), real_path(fs::path(source) / "rules")) != dirs.end());
}

TEST_CASE("pack search: uses \"missbruk\" in a local layer finds the pack on the search path") {
    RulesPath env(std::string(AKTKOLL_SOURCE_DIR) + "/rules");
    testing::TempPack layer(kLayer);
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto pack = dsl::load_pack({layer.path()}, {}, diags, sources, Lang::Sv);
    REQUIRE(pack);
    CHECK_FALSE(diags.has_errors());
    REQUIRE(pack->layers.size() == 2);
    CHECK(pack->layers[0].name == "missbruk");
    CHECK(real_path(pack->layers[0].dir) == real_path(std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"));
    CHECK(pack->layers[1].name == "lokal");
}

TEST_CASE("pack search: uses of a name found nowhere is an error naming it") {
    RulesPath env("/no/such/folder");
    testing::TempPack layer("pack lokal\n  version \"1\"\n  title \"L\"\nuses \"finns-inte\"\n");
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    CHECK_FALSE(dsl::load_pack({layer.path()}, {}, diags, sources, Lang::Sv));
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items.front().message.find("finns-inte") != std::string::npos);
}
