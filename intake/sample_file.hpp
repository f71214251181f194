// A sample's draw as 'aktkoll sample --output FILE' writes it (text: comment
// lines and one id a line; or --format json), read back by 'form --sample'
// and 'check --cases-from', so that nobody types the ids again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace aktkoll {

struct SampleDraw {
    std::vector<std::string> ids;
    std::string seed;  // empty when the file does not say
};

// nullopt with `error` set when the file cannot be read or holds no id.
std::optional<SampleDraw> read_sample_file(const std::string& path, Lang lang, std::string& error);

}  // namespace aktkoll
