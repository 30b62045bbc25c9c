#pragma once
// The device's copy of conversations and their messages, the client's own pending ones
// included. A message the client wrote is one row from the moment it is written (pending, no
// server id) to the moment the server's copy replaces it, so it is never shown twice.
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::store {

class MessageCache {
 public:
  explicit MessageCache(sqlite::Database& db) : db_(db) {}

  // A message the client is about to send (state pending, no id yet).
  void add_pending(const Message& message);
  // Stores the server's copy of a message: it replaces the row with the same id, or the
  // client's own pending row with the same client_id. True if the message was new to the
  // store, false if it only updated a known one.
  bool store(const Message& message);
  void mark_failed(const std::string& client_id);
  // Oldest first: delivered messages by (created_at, numeric id), then pending ones.
  std::vector<Message> conversation(const std::string& conversation_id);

  void store_conversation(const Conversation& conversation);
  std::vector<Conversation> conversations();  // most recently updated first

  // Forgets everything the server can send again; keeps the client's pending messages.
  void clear_delivered();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
