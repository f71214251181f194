#include "intake/sample_file.hpp"

#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace aktkoll {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// "# urval: seed 7, n 9 av 36 ärenden" -> "7".
std::string seed_of(const std::string& comment) {
    const auto at = comment.find("seed ");
    if (at == std::string::npos) return {};
    const auto begin = at + 5;
    auto end = begin;
    while (end < comment.size() && comment[end] >= '0' && comment[end] <= '9') ++end;
    return comment.substr(begin, end - begin);
}

}  // namespace

std::optional<SampleDraw> read_sample_file(const std::string& path, Lang lang, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fmt::format(fmt::runtime(tr(lang, "{}: kan inte öppnas", "{}: cannot be opened")), path);
        return std::nullopt;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    SampleDraw draw;
    if (trim(text).starts_with("{")) {
        const auto j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_discarded() && j.contains("cases") && j["cases"].is_array()) {
            for (const auto& c : j["cases"])
                if (c.is_object() && c.contains("id") && c["id"].is_string()) draw.ids.push_back(c["id"].get<std::string>());
            if (j.contains("seed") && j["seed"].is_string()) draw.seed = j["seed"].get<std::string>();
        }
    } else {
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            line = trim(line);
            if (line.starts_with("#")) {
                if (draw.seed.empty()) draw.seed = seed_of(line);
            } else if (!line.empty()) {
                draw.ids.push_back(line);
            }
        }
    }
    if (draw.ids.empty()) {
        error = fmt::format(fmt::runtime(tr(lang, "{}: inget urval (skriv det med aktkoll sample --output FIL)",
                                            "{}: no sample (write one with aktkoll sample --output FILE)")),
                            path);
        return std::nullopt;
    }
    return draw;
}

}  // namespace aktkoll
