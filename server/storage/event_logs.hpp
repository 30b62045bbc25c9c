#pragma once
// The event logs (docs/protocol.md, section 3). Every user has a log of their own; all agents
// share one, the agents' feed, so that a change every agent hears is stored once, whatever
// the number of agents. Each log numbers its events 1, 2, 3, … with no gaps; an event's seq is
// allocated in the transaction that makes the change it reports.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/principal.hpp"
#include "protocol/frame.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::server {

// The agents' feed's id: a reserved principal row (schema version 10), so that its events
// satisfy the events table's foreign key like any other log's. No session may say hello as it.
inline const std::string kAgentsFeed = "parley:agents";

// The log a principal reads: a user's own, or the agents' feed for every agent.
std::string log_of(const Principal& principal);

// An event stored in one log, ready to be pushed to the live sessions reading that log.
struct StoredEvent {
  std::string log_id;
  std::uint64_t seq = 0;
  std::string name;
  // The data as JSON text, as stored: one copy shared by every log the same change goes to.
  std::shared_ptr<const std::string> data;

  std::string frame() const { return protocol::encode_event(seq, name, *data); }
};

class EventLogRepository {
 public:
  explicit EventLogRepository(sqlite::Database& db) : db_(db) {}

  // Appends an event to the log. Call inside a transaction: the seq is allocated there, so it
  // commits (or rolls back) with the change it reports. The foreign key refuses a log that is
  // neither a principal's nor the agents' feed.
  StoredEvent append(const std::string& log_id, const std::string& name,
                     std::shared_ptr<const std::string> data_json, std::int64_t now_ms);
  StoredEvent append(const std::string& log_id, const std::string& name,
                     const protocol::Json& data, std::int64_t now_ms);
  std::uint64_t latest_seq(const std::string& log_id);
  // Where a client stands that has applied the log's events up to `cursor`: the log's latest
  // seq, and whether the rest can be sent to it. Not if the log never issued that seq; in the
  // agents' feed, not from 0 either (a new agent, or a new device, starts from the current
  // state, not from the feed's first event), nor from below the floor (an agent's cursor in
  // its own log, from before the feed).
  struct Resumption {
    std::uint64_t latest_seq = 0;
    bool possible = false;
  };
  Resumption resume(const std::string& log_id, std::uint64_t cursor);
  // Up to `limit` events with seq > after, in seq order.
  std::vector<StoredEvent> events_after(const std::string& log_id, std::uint64_t after,
                                        std::size_t limit);
  // Every log, once each: the users' and the agents' feed (for news that concerns everyone).
  std::vector<std::string> all_logs();

 private:
  // The feed's seqs start above every seq an agent's own log had issued before the feed
  // existed (0 in a database created with it), so that no old cursor looks like a feed one.
  std::uint64_t feed_floor();
  std::uint64_t stored_latest_seq(const std::string& log_id);

  sqlite::Database& db_;
  std::optional<std::uint64_t> feed_floor_;
  // Each log's latest seq as last read or appended through this repository, so that an event
  // costs its insert alone. A rollback on the connection may have taken back a seq held here:
  // the whole cache is dropped when Database::rollbacks() moves. (Another writer to the same
  // logs would make an entry stale: its next append then fails on the (log, seq) key, which
  // drops that entry, so the one after reads the log again.)
  std::unordered_map<std::string, std::uint64_t> latest_;
  std::uint64_t rollbacks_seen_ = 0;
};

}  // namespace parley::server
