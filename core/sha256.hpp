// SHA-256 for provenance: incremental (the reader hashes an input while it
// reads it, so a large export is not read twice) and of a whole file.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace aktkoll {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, size_t len);
    // Lower-case hex of the digest; the object is spent afterwards.
    std::string hex();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Empty when the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace aktkoll
