#pragma once
// base64url without padding (RFC 4648 section 5), as tokens use it (docs/protocol.md, section 7).
#include <optional>
#include <string>
#include <string_view>

namespace parley::protocol {

std::string base64url_encode(std::string_view bytes);

// nullopt for anything that is not canonical unpadded base64url: characters outside the
// alphabet, padding, an impossible length, or stray bits in the last character.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace parley::protocol
