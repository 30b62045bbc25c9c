#pragma once
// Conversations and their messages.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"
#include "storage/author.hpp"

namespace parley::server {

struct MessageRow {
  std::int64_t id = 0;
  std::string client_id;
  std::int64_t conversation_id = 0;
  Author author;
  std::string text;
  std::int64_t created_at = 0;
};

struct ConversationRow {
  std::int64_t id = 0;
  std::string user_id;
  std::string status;  // "open" or "closed"
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<MessageRow> last_message;
};

struct MessagePage {
  std::vector<MessageRow> messages;  // oldest first
  bool has_more = false;             // older messages exist before the first one
};

class ConversationRepository {
 public:
  explicit ConversationRepository(sqlite::Database& db) : db_(db) {}

  std::optional<ConversationRow> find(std::int64_t id);
  std::optional<ConversationRow> open_for_user(const std::string& user_id);
  ConversationRow create(const std::string& user_id, std::int64_t now_ms);
  // Newest activity first. Empty user_id = every user's conversations.
  std::vector<ConversationRow> list(const std::string& user_id, bool open_only);

  std::optional<MessageRow> find_message(const std::string& author_id, const std::string& client_id);
  // Inserts the message and bumps the conversation's updated_at.
  MessageRow add_message(std::int64_t conversation_id, const std::string& client_id,
                         const Author& author, const std::string& text, std::int64_t now_ms);
  bool has_user_message(std::int64_t conversation_id);
  // Up to `limit` messages older than `before_id` (0 = newest).
  MessagePage history(std::int64_t conversation_id, std::int64_t before_id, std::size_t limit);

 private:
  std::vector<ConversationRow> conversations(sqlite::Statement& st);
  std::optional<MessageRow> last_message(std::int64_t conversation_id);
  sqlite::Database& db_;
};

}  // namespace parley::server
