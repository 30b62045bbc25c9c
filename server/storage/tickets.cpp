#include "storage/tickets.hpp"

namespace parley::server {
namespace {

constexpr const char* kTicketColumns =
    "id, client_id, user_id, subject, description, status, priority, category, created_at, "
    "updated_at";
constexpr const char* kCommentColumns =
    "id, client_id, ticket_id, author_kind, author_id, author_name, text, created_at";

TicketRow ticket_from(const sqlite::Statement& st) {
  return TicketRow{st.column_int(0),  st.column_text(1), st.column_text(2), st.column_text(3),
                   st.column_text(4), st.column_text(5), st.column_text(6), st.column_text(7),
                   st.column_int(8),  st.column_int(9)};
}

CommentRow comment_from(const sqlite::Statement& st) {
  return CommentRow{st.column_int(0),
                    st.column_text(1),
                    st.column_int(2),
                    Author{st.column_text(3), st.column_text(4), st.column_text(5)},
                    st.column_text(6),
                    st.column_int(7)};
}

void touch(sqlite::Database& db, std::int64_t id, std::int64_t now_ms) {
  auto st = db.prepare("UPDATE tickets SET updated_at = ? WHERE id = ?");
  st.bind(1, now_ms).bind(2, id);
  st.run();
}

}  // namespace

std::optional<TicketRow> TicketRepository::find(std::int64_t id) {
  auto st = db_.prepare(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return ticket_from(st);
}

std::optional<TicketRow> TicketRepository::find_by_client_id(const std::string& user_id,
                                                             const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kTicketColumns +
                        " FROM tickets WHERE user_id = ? AND client_id = ?");
  st.bind(1, user_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return ticket_from(st);
}

TicketRow TicketRepository::create(const NewTicket& t, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO tickets (client_id, user_id, subject, description, status, priority, "
      "category, created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)");
  st.bind(1, t.client_id)
      .bind(2, t.user_id)
      .bind(3, t.subject)
      .bind(4, t.description)
      .bind(5, t.priority)
      .bind(6, t.category)
      .bind(7, now_ms)
      .bind(8, now_ms);
  st.run();
  return TicketRow{db_.last_insert_rowid(), t.client_id, t.user_id, t.subject, t.description,
                   "open", t.priority, t.category, now_ms, now_ms};
}

void TicketRepository::set_status(std::int64_t id, const std::string& status,
                                  std::int64_t now_ms) {
  auto st = db_.prepare("UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?");
  st.bind(1, status).bind(2, now_ms).bind(3, id);
  st.run();
}

std::vector<TicketRow> TicketRepository::list(const std::string& user_id,
                                              const std::vector<std::string>& statuses) {
  // Statuses are few and fixed, so one statement with an IN list built from placeholders.
  std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE (?1 = '' OR user_id = ?1)";
  if (!statuses.empty()) {
    sql += " AND status IN (";
    for (std::size_t i = 0; i < statuses.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  sql += " ORDER BY id DESC";
  auto st = db_.prepare(sql);
  st.bind(1, user_id);
  for (std::size_t i = 0; i < statuses.size(); ++i) st.bind(static_cast<int>(i) + 2, statuses[i]);
  std::vector<TicketRow> rows;
  while (st.step()) rows.push_back(ticket_from(st));
  return rows;
}

std::vector<CommentRow> TicketRepository::comments(std::int64_t ticket_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCommentColumns +
                        " FROM ticket_comments WHERE ticket_id = ? ORDER BY id");
  st.bind(1, ticket_id);
  std::vector<CommentRow> rows;
  while (st.step()) rows.push_back(comment_from(st));
  return rows;
}

std::optional<CommentRow> TicketRepository::find_comment(const std::string& author_id,
                                                         const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCommentColumns +
                        " FROM ticket_comments WHERE author_id = ? AND client_id = ?");
  st.bind(1, author_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return comment_from(st);
}

CommentRow TicketRepository::add_comment(std::int64_t ticket_id, const std::string& client_id,
                                         const Author& author, const std::string& text,
                                         std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO ticket_comments (ticket_id, client_id, author_kind, author_id, author_name, "
      "text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, ticket_id)
      .bind(2, client_id)
      .bind(3, author.kind)
      .bind(4, author.id)
      .bind(5, author.name)
      .bind(6, text)
      .bind(7, now_ms);
  st.run();
  const std::int64_t id = db_.last_insert_rowid();
  touch(db_, ticket_id, now_ms);
  return CommentRow{id, client_id, ticket_id, author, text, now_ms};
}

}  // namespace parley::server
