#include "storage/event_logs.hpp"

#include <algorithm>
#include <string>

namespace parley::server {

std::string log_of(const Principal& principal) {
  return principal.kind == PrincipalKind::agent ? kAgentsFeed : principal.id;
}

StoredEvent EventLogRepository::append(const std::string& log_id, const std::string& name,
                                       std::shared_ptr<const std::string> data_json,
                                       std::int64_t now_ms) {
  // The next seq comes from the events themselves (the key's last entry for this log, or the
  // cache of it) rather than from a counter row: one write per event instead of two, and a
  // rolled-back event takes its seq with it.
  const auto seq = latest_seq(log_id) + 1;

  auto insert = db_.prepare(
      "INSERT INTO events (principal_id, seq, name, data, created_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, log_id)
      .bind(2, static_cast<std::int64_t>(seq))
      .bind(3, name)
      .bind(4, *data_json)
      .bind(5, now_ms);
  try {
    insert.run();
  } catch (...) {
    latest_.erase(log_id);  // read it again next time, whether or not a rollback follows
    throw;
  }
  latest_[log_id] = seq;
  return StoredEvent{log_id, seq, name, std::move(data_json)};
}

StoredEvent EventLogRepository::append(const std::string& log_id, const std::string& name,
                                       const protocol::Json& data, std::int64_t now_ms) {
  return append(log_id, name, std::make_shared<const std::string>(data.dump()), now_ms);
}

std::uint64_t EventLogRepository::latest_seq(const std::string& log_id) {
  // A bound on the memory: one entry per log written since, and a server has many users.
  constexpr std::size_t kMaxCachedLogs = 100000;
  if (db_.rollbacks() != rollbacks_seen_ || latest_.size() >= kMaxCachedLogs) {
    latest_.clear();
    rollbacks_seen_ = db_.rollbacks();
  }
  if (const auto cached = latest_.find(log_id); cached != latest_.end()) return cached->second;
  const auto latest = stored_latest_seq(log_id);
  latest_.emplace(log_id, latest);
  return latest;
}

std::uint64_t EventLogRepository::stored_latest_seq(const std::string& log_id) {
  // Events are never deleted: the last one's seq is the log's latest (0 for none).
  auto st = db_.prepare("SELECT max(seq) FROM events WHERE principal_id = ?");
  st.bind(1, log_id);
  const std::uint64_t last =
      st.step() && !st.column_is_null(0) ? static_cast<std::uint64_t>(st.column_int(0)) : 0;
  return log_id == kAgentsFeed ? std::max(last, feed_floor()) : last;
}

EventLogRepository::Resumption EventLogRepository::resume(const std::string& log_id,
                                                          std::uint64_t cursor) {
  const auto latest = latest_seq(log_id);
  if (cursor > latest) return {latest, false};
  if (log_id != kAgentsFeed) return {latest, true};  // a user's log from its start, or any seq
  // The feed's start is not a new agent's: what came before it joined is read as current
  // state, not replayed (the one exception: nothing to replay at all).
  return {latest, cursor == latest || (cursor > 0 && cursor >= feed_floor())};
}

std::vector<StoredEvent> EventLogRepository::events_after(const std::string& log_id,
                                                          std::uint64_t after, std::size_t limit) {
  std::vector<StoredEvent> events;
  auto st = db_.prepare(
      "SELECT seq, name, data FROM events WHERE principal_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  st.bind(1, log_id)
      .bind(2, static_cast<std::int64_t>(after))
      .bind(3, static_cast<std::int64_t>(limit));
  while (st.step()) {
    events.push_back(StoredEvent{log_id, static_cast<std::uint64_t>(st.column_int(0)),
                                 st.column_text(1),
                                 std::make_shared<const std::string>(st.column_text(2))});
  }
  return events;
}

std::vector<std::string> EventLogRepository::all_logs() {
  std::vector<std::string> logs;
  auto st = db_.prepare("SELECT id FROM principals WHERE kind = 'user' ORDER BY id");
  while (st.step()) logs.push_back(st.column_text(0));
  logs.emplace_back(kAgentsFeed);
  return logs;
}

std::uint64_t EventLogRepository::feed_floor() {
  if (!feed_floor_) {
    auto st = db_.prepare("SELECT value FROM server_meta WHERE key = 'agents_feed_floor'");
    feed_floor_ = st.step() ? static_cast<std::uint64_t>(std::stoull(st.column_text(0))) : 0;
  }
  return *feed_floor_;
}

}  // namespace parley::server
