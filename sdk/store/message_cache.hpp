#pragma once
// The device's copy of messages, the client's own pending ones included. A message the client
// wrote is one row from the moment it is written (pending, no server id) to the moment the
// server's copy replaces it, so it is never shown twice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"
#include "store/stored.hpp"

namespace parley::store {

struct MessagePage {
  std::vector<Message> messages;  // oldest first
  bool older_cached = false;      // the cache holds messages older than the first one
};

class MessageCache {
 public:
  explicit MessageCache(sqlite::Database& db) : db_(db) {}

  // A message the client is about to send (state pending, no id yet).
  void add_pending(const Message& message);
  // Stores the server's copy of a message: it replaces the row with the same id, or the
  // client's own pending row with the same client_id (reported as `changed`: not news).
  Stored store(const Message& message);
  std::optional<Message> find(const std::string& id);
  // The client's own message that has no server id yet, by client id.
  std::optional<Message> find_pending(const std::string& client_id);
  void set_state(const std::string& client_id, DeliveryState state);  // of a pending row
  void remove_pending(const std::string& client_id);
  void set_pending_attachments(const std::string& client_id, const std::vector<Attachment>& attachments);
  // Oldest first: delivered messages by (created_at, numeric id), then pending ones.
  std::vector<Message> conversation(const std::string& conversation_id);
  // Up to `limit` delivered messages older than message number `before` (0 = the newest).
  MessagePage page(const std::string& conversation_id, std::int64_t before, std::size_t limit);
  std::string oldest_id(const std::string& conversation_id);  // "" if none cached
  std::string newest_id_from(const std::string& conversation_id,
                             const std::vector<std::string>& author_kinds);
  // Messages from `author_kinds` newer than message number `after`, not deleted.
  std::int64_t count_after(const std::string& conversation_id,
                           const std::vector<std::string>& author_kinds, std::int64_t after);

  // Forgets everything the server can send again; keeps the client's pending messages.
  void clear_delivered();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
