#include "protocol/token_claims.hpp"

#include <nlohmann/json.hpp>

#include "protocol/base64url.hpp"

namespace parley::protocol {

std::optional<TokenClaims> read_token_claims(std::string_view token) {
  constexpr std::string_view kPrefix = "v1.";
  if (token.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const auto rest = token.substr(kPrefix.size());
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto payload_text = base64url_decode(rest.substr(0, dot));
  if (!payload_text) return std::nullopt;
  const auto payload = nlohmann::json::parse(*payload_text, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) return std::nullopt;

  TokenClaims claims;
  claims.kind = "user";
  if (auto it = payload.find("sub"); it != payload.end() && it->is_string()) claims.sub = *it;
  if (auto it = payload.find("kind"); it != payload.end() && it->is_string()) claims.kind = *it;
  if (auto it = payload.find("name"); it != payload.end() && it->is_string()) claims.name = *it;
  if (auto it = payload.find("exp"); it != payload.end() && it->is_number_integer()) {
    claims.exp = it->get<std::int64_t>();
  }
  return claims;
}

}  // namespace parley::protocol
