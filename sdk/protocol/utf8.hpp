#pragma once
#include <cstddef>
#include <string_view>

namespace parley::protocol {

// Strict UTF-8 check (RFC 3629): rejects overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences.
bool is_valid_utf8(std::string_view text) noexcept;

// Largest prefix length <= max_bytes that does not cut a UTF-8 sequence in two.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept;

}  // namespace parley::protocol
