#pragma once
// Who is on the other end of a session: a user of the app or a support agent.
#include <optional>
#include <string>
#include <string_view>

namespace parley::server {

enum class PrincipalKind { user, agent };

std::string_view to_string(PrincipalKind kind) noexcept;
std::optional<PrincipalKind> principal_kind_from_string(std::string_view text) noexcept;

struct Principal {
  std::string id;
  PrincipalKind kind = PrincipalKind::user;
  std::string name;
};

}  // namespace parley::server
