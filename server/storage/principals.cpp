#include "storage/principals.hpp"

#include <stdexcept>

namespace parley::server {

std::optional<Principal> PrincipalRepository::find(const std::string& id) {
  auto st = db_.prepare("SELECT kind, name FROM principals WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  const auto kind = principal_kind_from_string(st.column_text(0));
  if (!kind) throw std::runtime_error("principal '" + id + "' has an unknown kind in the database");
  return Principal{id, *kind, st.column_text(1)};
}

void PrincipalRepository::save(const Principal& principal, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO principals (id, kind, name, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name");
  st.bind(1, principal.id).bind(2, to_string(principal.kind)).bind(3, principal.name).bind(4, now_ms);
  st.run();
}

}  // namespace parley::server
