#pragma once
// HMAC-SHA256 over OpenSSL, for signing tokens.
#include <string>
#include <string_view>

namespace parley::server {

// The 32-byte raw MAC of `data` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Compares in time that depends only on the lengths, so that a forged signature cannot be
// found byte by byte by timing the server's answers.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace parley::server
