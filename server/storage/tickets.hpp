#pragma once
// Tickets and their comment threads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"
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
};

struct CommentRow {
  std::int64_t id = 0;
  std::string client_id;
  std::int64_t ticket_id = 0;
  Author author;
  std::string text;
  std::int64_t created_at = 0;
};

struct NewTicket {
  std::string client_id;
  std::string user_id;
  std::string subject;
  std::string description;
  std::string priority;
  std::string category;
};

class TicketRepository {
 public:
  explicit TicketRepository(sqlite::Database& db) : db_(db) {}

  std::optional<TicketRow> find(std::int64_t id);
  std::optional<TicketRow> find_by_client_id(const std::string& user_id, const std::string& client_id);
  TicketRow create(const NewTicket& ticket, std::int64_t now_ms);
  void set_status(std::int64_t id, const std::string& status, std::int64_t now_ms);
  // Newest first. Empty user_id = every user's; empty statuses = any status.
  std::vector<TicketRow> list(const std::string& user_id, const std::vector<std::string>& statuses);

  std::vector<CommentRow> comments(std::int64_t ticket_id);  // oldest first
  std::optional<CommentRow> find_comment(const std::string& author_id, const std::string& client_id);
  // Inserts the comment and bumps the ticket's updated_at.
  CommentRow add_comment(std::int64_t ticket_id, const std::string& client_id, const Author& author,
                         const std::string& text, std::int64_t now_ms);

 private:
  sqlite::Database& db_;
};

}  // namespace parley::server
