#pragma once
// Principals (users and agents, created on their first hello) and their event logs: every
// event a principal is sent is a row with a per-principal seq, allocated in the same
// transaction as the change it reports.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "protocol/frame.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::server {

// An event stored for one principal, ready to be pushed to that principal's live sessions.
struct StoredEvent {
  std::string principal_id;
  std::uint64_t seq = 0;
  std::string name;
  // The data as JSON text, as stored: one copy shared by every recipient of the same change.
  std::shared_ptr<const std::string> data;

  std::string frame() const { return protocol::encode_event(seq, name, *data); }
};

class PrincipalRepository {
 public:
  explicit PrincipalRepository(sqlite::Database& db) : db_(db) {}

  std::optional<Principal> find(const std::string& id);
  // Creates the principal, or refreshes the name of an existing one (its kind never changes).
  void save(const Principal& principal, std::int64_t now_ms);
  std::vector<std::string> agent_ids();
  std::vector<std::string> all_ids();

  // Appends an event to the principal's log. Call inside a transaction: the seq is allocated
  // there, so it commits (or rolls back) with the change it reports.
  StoredEvent append_event(const std::string& principal_id, const std::string& name,
                           std::shared_ptr<const std::string> data_json, std::int64_t now_ms);
  StoredEvent append_event(const std::string& principal_id, const std::string& name,
                           const protocol::Json& data, std::int64_t now_ms);
  std::uint64_t latest_seq(const std::string& principal_id);
  // Up to `limit` events with seq > after, in seq order.
  std::vector<StoredEvent> events_after(const std::string& principal_id, std::uint64_t after,
                                            std::size_t limit);

 private:
  std::vector<std::string> ids_where(const char* sql);
  sqlite::Database& db_;
};

}  // namespace parley::server
