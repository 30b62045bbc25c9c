#pragma once
// Conversations and their messages.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"
#include "storage/attachments.hpp"
#include "storage/author.hpp"

namespace parley::server {

struct MessageRow {
  std::int64_t id = 0;
  std::string client_id;
  std::int64_t conversation_id = 0;
  Author author;
  std::string text;  // "" once deleted
  std::int64_t created_at = 0;
  std::int64_t edited_at = 0;  // 0 = never edited
  bool deleted = false;
  std::vector<AttachmentRow> attachments;
};

// How far one side of a conversation has received and read the other side's messages
// (message row ids; 0 = none yet).
struct ReceiptRow {
  std::int64_t delivered_up_to = 0;
  std::int64_t read_up_to = 0;
  bool operator==(const ReceiptRow&) const = default;
};

enum class Side { user, agent };

struct ConversationRow {
  std::int64_t id = 0;
  std::string user_id;
  std::string status;  // "open" or "closed"
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<Author> assignee;  // the agent who took it
  ReceiptRow user_receipt;         // the user's devices, of support's messages
  ReceiptRow agent_receipt;        // support, of the user's messages
  std::optional<MessageRow> last_message;
  std::int64_t queued_at = 0;       // when it started waiting for a person; 0 = never
  std::int64_t queue_position = 0;  // 1 = next for an agent; 0 = not waiting (assigned, closed)

  bool waiting() const { return queue_position > 0; }
  const ReceiptRow& receipt(Side side) const { return side == Side::user ? user_receipt : agent_receipt; }
};

struct MessagePage {
  std::vector<MessageRow> messages;  // oldest first
  bool has_more = false;             // older messages exist before the first one
};

// Whether a conversation row is read with its last message (for views of the conversation)
// or without (a write that needs only its ids: one query less).
enum class LastMessage { load, skip };

class ConversationRepository {
 public:
  explicit ConversationRepository(sqlite::Database& db) : db_(db), attachments_(db) {}

  std::optional<ConversationRow> find(std::int64_t id, LastMessage last = LastMessage::load);
  std::optional<ConversationRow> open_for_user(const std::string& user_id,
                                               LastMessage last = LastMessage::load);
  ConversationRow create(const std::string& user_id, std::int64_t now_ms);
  // Newest activity first. Empty user_id = every user's conversations.
  std::vector<ConversationRow> list(const std::string& user_id, bool open_only);

  std::optional<MessageRow> find_message(const std::string& author_id, const std::string& client_id);
  std::optional<MessageRow> find_message(std::int64_t id);
  // Inserts the message and bumps the conversation's updated_at.
  MessageRow add_message(std::int64_t conversation_id, const std::string& client_id,
                         const Author& author, const std::string& text, std::int64_t now_ms);

  // Edits and deletions, recorded by the change's client id so that a resent change is
  // answered, not repeated.
  std::optional<std::int64_t> changed_message(const std::string& author_id,
                                              const std::string& client_id);
  void record_change(const std::string& author_id, const std::string& client_id,
                     std::int64_t message_id);
  void edit_message(std::int64_t id, const std::string& text, std::int64_t now_ms);
  void delete_message(std::int64_t id);

  void assign(std::int64_t conversation_id, const std::string& agent_id);
  // Puts an open, unassigned conversation at the end of the queue for a person (no change if
  // it is there already).
  void enqueue(std::int64_t conversation_id, std::int64_t now_ms);
  // The waiting conversations in queue order (no last message).
  std::vector<ConversationRow> waiting();
  void set_receipt(std::int64_t conversation_id, Side side, const ReceiptRow& receipt);
  // Up to `limit` messages older than `before_id` (0 = newest).
  MessagePage history(std::int64_t conversation_id, std::int64_t before_id, std::size_t limit);

 private:
  std::vector<ConversationRow> conversations(sqlite::Statement& st, LastMessage last);
  std::vector<ConversationRow> select_conversations(const std::string& where_order, LastMessage last,
                                                    const std::function<void(sqlite::Statement&)>& bind);
  std::optional<MessageRow> last_message(std::int64_t conversation_id);
  MessageRow with_attachments(MessageRow message);
  sqlite::Database& db_;
  AttachmentRepository attachments_;
};

}  // namespace parley::server
