#pragma once
// Principals: users and agents, created on their first hello (their events: event_logs.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::server {

class PrincipalRepository {
 public:
  explicit PrincipalRepository(sqlite::Database& db) : db_(db) {}

  std::optional<Principal> find(const std::string& id);
  // Creates the principal, or refreshes the name of an existing one (its kind never changes).
  void save(const Principal& principal, std::int64_t now_ms);

 private:
  sqlite::Database& db_;
};

}  // namespace parley::server
