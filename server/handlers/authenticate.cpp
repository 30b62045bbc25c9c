#include "handlers/authenticate.hpp"

#include <variant>

#include "auth/token.hpp"
#include "common/clock.hpp"
#include "handlers/request_error.hpp"

namespace parley::server {

Principal authenticate(const Services& services, const std::string& token) {
  auto verified = verify_token(token, services.settings.secret, now_seconds());
  if (auto* error = std::get_if<TokenError>(&verified)) throw RequestError(error->code, error->message);
  auto& claims = std::get<TokenClaims>(verified);
  return Principal{claims.sub, claims.kind, claims.name};
}

}  // namespace parley::server
