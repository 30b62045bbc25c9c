#include "auth/token.hpp"

#include <nlohmann/json.hpp>

#include "protocol/base64url.hpp"
#include "auth/hmac_sha256.hpp"
#include "protocol/limits.hpp"
#include "protocol/utf8.hpp"

namespace parley::server {
namespace {

using Json = nlohmann::json;
using protocol::base64url_decode;
using protocol::base64url_encode;
constexpr std::string_view kPrefix = "v1.";

TokenError invalid(std::string message) {
  return TokenError{protocol::ErrorCode::unauthorized, std::move(message)};
}

std::string signature_of(std::string_view signed_part, std::string_view secret) {
  return base64url_encode(hmac_sha256(secret, signed_part));
}

std::variant<TokenClaims, TokenError> claims_from(const Json& payload) {
  if (!payload.is_object()) return invalid("token payload is not a JSON object");
  TokenClaims claims;

  auto sub = payload.find("sub");
  if (sub == payload.end() || !sub->is_string()) return invalid("token has no string \"sub\"");
  claims.sub = sub->get<std::string>();
  if (claims.sub.empty() || claims.sub.size() > protocol::kMaxIdBytes ||
      !protocol::is_valid_utf8(claims.sub)) {
    return invalid("token \"sub\" must be 1-64 bytes of UTF-8");
  }

  if (auto name = payload.find("name"); name != payload.end() && !name->is_null()) {
    if (!name->is_string()) return invalid("token \"name\" must be a string");
    claims.name = name->get<std::string>();
    if (claims.name.size() > kMaxNameBytes || !protocol::is_valid_utf8(claims.name)) {
      return invalid("token \"name\" must be at most 128 bytes of UTF-8");
    }
  }
  if (claims.name.empty()) claims.name = claims.sub;

  if (auto kind = payload.find("kind"); kind != payload.end() && !kind->is_null()) {
    const auto parsed =
        kind->is_string() ? principal_kind_from_string(kind->get_ref<const std::string&>())
                          : std::nullopt;
    if (!parsed) return invalid("token \"kind\" must be \"user\" or \"agent\"");
    claims.kind = *parsed;
  }

  auto exp = payload.find("exp");
  if (exp == payload.end() || !exp->is_number_integer()) {
    return invalid("token has no integer \"exp\"");
  }
  claims.exp = exp->get<std::int64_t>();
  return claims;
}

}  // namespace

std::string mint_token(const TokenClaims& claims, std::string_view secret) {
  const Json payload{{"sub", claims.sub},
                     {"name", claims.name.empty() ? claims.sub : claims.name},
                     {"kind", to_string(claims.kind)},
                     {"exp", claims.exp}};
  std::string token(kPrefix);
  token += base64url_encode(payload.dump());
  const std::string signature = signature_of(token, secret);
  token += '.';
  token += signature;
  return token;
}

std::variant<TokenClaims, TokenError> verify_token(std::string_view token, std::string_view secret,
                                                   std::int64_t now_seconds) {
  if (token.substr(0, kPrefix.size()) != kPrefix) {
    return invalid("token must start with \"v1.\"");
  }
  const std::size_t dot = token.rfind('.');
  if (dot < kPrefix.size()) return invalid("token must have three parts");
  const std::string_view signed_part = token.substr(0, dot);
  const std::string_view signature = token.substr(dot + 1);
  if (!constant_time_equal(signature, signature_of(signed_part, secret))) {
    return invalid("token signature does not match");
  }

  const auto payload_text = base64url_decode(signed_part.substr(kPrefix.size()));
  if (!payload_text) return invalid("token payload is not base64url");
  Json payload = Json::parse(*payload_text, nullptr, /*allow_exceptions=*/false);
  if (payload.is_discarded()) return invalid("token payload is not JSON");

  auto claims = claims_from(payload);
  if (auto* ok = std::get_if<TokenClaims>(&claims); ok && ok->exp <= now_seconds) {
    return TokenError{protocol::ErrorCode::token_expired, "token expired"};
  }
  return claims;
}

}  // namespace parley::server
