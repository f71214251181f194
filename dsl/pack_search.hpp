// Finding a rule pack by name as well as by path: the command line
// (`aktkoll check missbruk ...`) and `uses "missbruk"` share one search.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aktkoll::dsl {

// The folders searched for a pack given by name, in order:
//   1. each entry of $AKTKOLL_RULES_PATH (':'-separated),
//   2. the rules beside the binary: BIN/../share/aktkoll/rules (an installed
//      binary, wherever its prefix was moved) and BIN/../rules (a build tree
//      inside the checkout finds the checkout's rules/),
//   3. the data folder of the install prefix the binary was built for, and
//      the Debian package's (/usr/share/aktkoll/rules).
// Folders that do not exist are left out; a folder is listed once.
std::vector<std::string> pack_search_dirs();

// Where the pack `name` is: `name` itself when that path exists (relative to
// `base` when base is not empty: the folder of the file that says `uses`),
// else the folder of that name in the first search folder that has one.
// Only a bare name (no '/') is searched for. nullopt when neither exists.
std::optional<std::string> find_pack(const std::string& name, const std::string& base = "");

}  // namespace aktkoll::dsl
