#pragma once
// The device's copy of conversations: status, assignee, both sides' receipts, and whether the
// cached history reaches back to the first message. (Unread counts come from the cached
// messages: Store::conversations().)
#include <optional>
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"
#include "store/stored.hpp"

namespace parley::store {

// Which side of a conversation a principal is on (docs/protocol.md, section 6).
enum class Side { user, support };
Side side_of(const Author& principal);

class ConversationCache {
 public:
  explicit ConversationCache(sqlite::Database& db) : db_(db) {}

  // The server's copy. Receipts only move forward: an older copy (a list fetched before a
  // receipt event) never takes one back.
  Stored store(const Conversation& conversation);
  // A message arrived: the conversation exists (a row is made if it was not known yet) and
  // was active at its time.
  void touch(const Message& message);
  std::optional<Conversation> find(const std::string& id);
  std::vector<Conversation> all();  // most recently active first

  void set_history_complete(const std::string& id);
  bool history_complete(const std::string& id);
  void clear();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
