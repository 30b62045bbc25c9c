#pragma once
// What a token says about itself (docs/protocol.md, section 7), read WITHOUT checking its
// signature: the client cannot check it (it has no secret) and uses the claims only to know
// whose writes it queues and when to ask the app for a fresh token. The server verifies.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley::protocol {

struct TokenClaims {
  std::string sub;         // the principal id
  std::string kind;        // "user" (the default) or "agent"
  std::string name;        // the display name; "" if the token has none
  std::int64_t exp = 0;    // Unix seconds; 0 if the token has none
};

// nullopt for anything that is not shaped like a v1 token with a JSON object payload.
std::optional<TokenClaims> read_token_claims(std::string_view token);

}  // namespace parley::protocol
