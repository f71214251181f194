// Manual pages (troff, man(7)) made from the same command specifications as
// --help, so the two cannot drift apart. The build writes them with
// `aktkoll --man-pages DIR` (CMakeLists.txt) and the package installs them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tools/cli.hpp"

namespace aktkoll::cli {

// aktkoll-COMMAND(1): summary, usage and every option as --help shows them.
std::string man_page(const CommandSpec& spec, Lang lang);

// aktkoll(1): the commands, exit codes, environment and files.
std::string man_overview(const std::vector<CommandSpec>& commands, Lang lang);

// Writes DIR/man1/*.1 in Swedish and DIR/en/man1/*.1 in English. False
// (after a message) when a file cannot be written.
bool write_man_pages(const std::string& dir, const std::vector<CommandSpec>& commands);

}  // namespace aktkoll::cli
