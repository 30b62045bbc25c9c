#pragma once
// Signed principal tokens (docs/protocol.md, section 7):
//   "v1." + base64url(payload JSON) + "." + base64url(HMAC-SHA256(secret, first two parts))
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "auth/principal.hpp"
#include "protocol/error_code.hpp"

namespace parley::server {

struct TokenClaims {
  std::string sub;   // the principal id, 1-64 bytes
  std::string name;  // display name; empty in a token means "same as sub"
  PrincipalKind kind = PrincipalKind::user;
  std::int64_t exp = 0;  // Unix time, seconds
};

// code is unauthorized (malformed, bad signature, bad claims) or token_expired.
struct TokenError {
  protocol::ErrorCode code = protocol::ErrorCode::unauthorized;
  std::string message;
};

inline constexpr std::size_t kMaxNameBytes = 128;

std::string mint_token(const TokenClaims& claims, std::string_view secret);

// Checks the signature before anything else, so that only a genuine token can be reported
// as expired; then the claims; then `exp` against now_seconds.
std::variant<TokenClaims, TokenError> verify_token(std::string_view token, std::string_view secret,
                                                   std::int64_t now_seconds);

}  // namespace parley::server
