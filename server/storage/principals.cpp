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

std::vector<std::string> PrincipalRepository::ids_where(const char* sql) {
  std::vector<std::string> ids;
  auto st = db_.prepare(sql);
  while (st.step()) ids.push_back(st.column_text(0));
  return ids;
}

std::vector<std::string> PrincipalRepository::agent_ids() {
  return ids_where("SELECT id FROM principals WHERE kind = 'agent' ORDER BY id");
}

std::vector<std::string> PrincipalRepository::all_ids() {
  return ids_where("SELECT id FROM principals ORDER BY id");
}

StoredEvent PrincipalRepository::append_event(const std::string& principal_id,
                                              const std::string& name,
                                              std::shared_ptr<const std::string> data_json,
                                              std::int64_t now_ms) {
  // The next seq is read from the events themselves (the key's last entry for this principal)
  // rather than kept in a counter row: one write per event instead of two, and a rolled-back
  // event takes its seq with it. The foreign key refuses an event for no principal.
  const auto seq = latest_seq(principal_id) + 1;

  auto insert = db_.prepare(
      "INSERT INTO events (principal_id, seq, name, data, created_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, principal_id)
      .bind(2, static_cast<std::int64_t>(seq))
      .bind(3, name)
      .bind(4, *data_json)
      .bind(5, now_ms);
  insert.run();
  return StoredEvent{principal_id, seq, name, std::move(data_json)};
}

StoredEvent PrincipalRepository::append_event(const std::string& principal_id,
                                              const std::string& name, const protocol::Json& data,
                                              std::int64_t now_ms) {
  return append_event(principal_id, name, std::make_shared<const std::string>(data.dump()), now_ms);
}

std::uint64_t PrincipalRepository::latest_seq(const std::string& principal_id) {
  // Events are never deleted: the last one's seq is the principal's latest (0 for none).
  auto st = db_.prepare("SELECT max(seq) FROM events WHERE principal_id = ?");
  st.bind(1, principal_id);
  return st.step() && !st.column_is_null(0) ? static_cast<std::uint64_t>(st.column_int(0)) : 0;
}

std::vector<StoredEvent> PrincipalRepository::events_after(const std::string& principal_id,
                                                           std::uint64_t after, std::size_t limit) {
  std::vector<StoredEvent> events;
  auto st = db_.prepare(
      "SELECT seq, name, data FROM events WHERE principal_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  st.bind(1, principal_id)
      .bind(2, static_cast<std::int64_t>(after))
      .bind(3, static_cast<std::int64_t>(limit));
  while (st.step()) {
    events.push_back(StoredEvent{principal_id, static_cast<std::uint64_t>(st.column_int(0)),
                                 st.column_text(1),
                                 std::make_shared<const std::string>(st.column_text(2))});
  }
  return events;
}

}  // namespace parley::server
