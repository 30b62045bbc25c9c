#include "auth/principal.hpp"

namespace parley::server {

std::string_view to_string(PrincipalKind kind) noexcept {
  return kind == PrincipalKind::agent ? "agent" : "user";
}

std::optional<PrincipalKind> principal_kind_from_string(std::string_view text) noexcept {
  if (text == "user") return PrincipalKind::user;
  if (text == "agent") return PrincipalKind::agent;
  return std::nullopt;
}

}  // namespace parley::server
