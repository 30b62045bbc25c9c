#pragma once
// Attachments' metadata: who uploaded what, how much of it has arrived, and the message or
// ticket comment that carries it once linked. The bytes are in AttachmentFiles.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::server {

struct AttachmentRow {
  std::int64_t id = 0;
  std::string owner_id;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t received = 0;
  std::int64_t created_at = 0;
  std::int64_t message_id = 0;  // 0: not linked to a message
  std::int64_t comment_id = 0;  // 0: not linked to a comment
  std::int64_t ticket_id = 0;   // 0: not linked to a ticket itself

  bool complete() const { return received == size; }
  bool linked() const { return message_id != 0 || comment_id != 0 || ticket_id != 0; }
};

class AttachmentRepository {
 public:
  explicit AttachmentRepository(sqlite::Database& db) : db_(db) {}

  AttachmentRow create(const std::string& owner_id, const std::string& name,
                       const std::string& content_type, std::int64_t size, std::int64_t now_ms);
  std::optional<AttachmentRow> find(std::int64_t id);
  void set_received(std::int64_t id, std::int64_t received);
  void remove(std::int64_t id);
  // Uploads started before `before_ms` and never attached to anything, oldest first.
  std::vector<std::int64_t> unlinked_before(std::int64_t before_ms, std::size_t limit);
  void link_to_message(std::int64_t id, std::int64_t message_id);
  void link_to_comment(std::int64_t id, std::int64_t comment_id);
  void link_to_ticket(std::int64_t id, std::int64_t ticket_id);
  std::vector<AttachmentRow> of_message(std::int64_t message_id);
  std::vector<AttachmentRow> of_comment(std::int64_t comment_id);
  std::vector<AttachmentRow> of_ticket(std::int64_t ticket_id);

 private:
  std::vector<AttachmentRow> select(const char* where, std::int64_t value);
  sqlite::Database& db_;
};

}  // namespace parley::server
