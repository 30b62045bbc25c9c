#pragma once
// Tickets and their comment threads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"
#include "storage/attachments.hpp"
#include "storage/author.hpp"

namespace parley::server {

struct TicketRow {
  std::int64_t id = 0;
  std::string client_id;
  std::string user_id;
  std::string subject;
  std::string description;
  std::string status;    // open, pending, solved, closed
  std::string priority;  // low, normal, high, urgent
  std::string category;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  TicketValues fields;
  TicketValues metadata;
  std::optional<Author> assignee;
  int rating = 0;  // 1–5 once rated
  std::string rating_comment;
  std::int64_t rated_at = 0;
  std::vector<AttachmentRow> attachments;  // sent with the ticket
};

struct CommentRow {
  std::int64_t id = 0;
  std::string client_id;
  std::int64_t ticket_id = 0;
  Author author;
  std::string text;
  std::int64_t created_at = 0;
  std::vector<AttachmentRow> attachments;
};

struct NewTicket {
  std::string client_id;
  std::string user_id;
  std::string subject;
  std::string description;
  std::string priority;
  std::string category;
  TicketValues fields;
  TicketValues metadata;
};

// Which tickets a list returns: newest first, ids below before_id (0 = from the newest).
struct TicketFilter {
  std::string user_id;                // empty: every user's
  std::vector<std::string> statuses;  // empty: any
  std::string category;               // empty: any
  std::int64_t before_id = 0;
  std::size_t limit = 0;  // 0: all
};

class TicketRepository {
 public:
  explicit TicketRepository(sqlite::Database& db) : db_(db), attachments_(db) {}

  std::optional<TicketRow> find(std::int64_t id);
  std::optional<TicketRow> find_by_client_id(const std::string& user_id, const std::string& client_id);
  TicketRow create(const NewTicket& ticket, std::int64_t now_ms);
  void set_status(std::int64_t id, const std::string& status, std::int64_t now_ms);
  void set_priority(std::int64_t id, const std::string& priority, std::int64_t now_ms);
  void assign(std::int64_t id, const std::string& agent_id, std::int64_t now_ms);
  void rate(std::int64_t id, int score, const std::string& comment, std::int64_t now_ms);
  std::vector<TicketRow> list(const TicketFilter& filter);

  std::vector<CommentRow> comments(std::int64_t ticket_id);  // oldest first
  std::optional<CommentRow> comment(std::int64_t id);
  std::optional<CommentRow> find_comment(const std::string& author_id, const std::string& client_id);
  // Inserts the comment and bumps the ticket's updated_at.
  CommentRow add_comment(std::int64_t ticket_id, const std::string& client_id, const Author& author,
                         const std::string& text, std::int64_t now_ms);

 private:
  CommentRow with_attachments(CommentRow comment);
  TicketRow with_attachments(TicketRow ticket);
  sqlite::Database& db_;
  AttachmentRepository attachments_;
};

}  // namespace parley::server
