#include "storage/tickets.hpp"

#include <nlohmann/json.hpp>

#include "protocol/ticket_schema.hpp"

namespace parley::server {
namespace {

// The assignee's name is the principal's current one.
constexpr const char* kTicketSelect =
    "SELECT t.id, t.client_id, t.user_id, t.subject, t.description, t.status, t.priority, "
    "t.category, t.created_at, t.updated_at, t.fields, t.metadata, t.assignee_id, p.name, "
    "t.rating, t.rating_comment, t.rated_at "
    "FROM tickets t LEFT JOIN principals p ON p.id = t.assignee_id ";
constexpr const char* kCommentColumns =
    "id, client_id, ticket_id, author_kind, author_id, author_name, text, created_at";

// Custom fields and metadata are stored as the JSON objects of strings they arrived as.
std::string values_text(const TicketValues& values) { return nlohmann::json(values).dump(); }

TicketRow ticket_from(const sqlite::Statement& st) {
  TicketRow t;
  t.id = st.column_int(0);
  t.client_id = st.column_text(1);
  t.user_id = st.column_text(2);
  t.subject = st.column_text(3);
  t.description = st.column_text(4);
  t.status = st.column_text(5);
  t.priority = st.column_text(6);
  t.category = st.column_text(7);
  t.created_at = st.column_int(8);
  t.updated_at = st.column_int(9);
  t.fields = protocol::string_map_from_text(st.column_text(10));
  t.metadata = protocol::string_map_from_text(st.column_text(11));
  if (!st.column_is_null(12)) t.assignee = Author{"agent", st.column_text(12), st.column_text(13)};
  t.rating = static_cast<int>(st.column_int(14));
  t.rating_comment = st.column_text(15);
  t.rated_at = st.column_int(16);
  return t;
}

CommentRow comment_from(const sqlite::Statement& st) {
  return CommentRow{st.column_int(0),
                    st.column_text(1),
                    st.column_int(2),
                    Author{st.column_text(3), st.column_text(4), st.column_text(5)},
                    st.column_text(6),
                    st.column_int(7),
                    {}};
}

void touch(sqlite::Database& db, std::int64_t id, std::int64_t now_ms) {
  auto st = db.prepare("UPDATE tickets SET updated_at = ? WHERE id = ?");
  st.bind(1, now_ms).bind(2, id);
  st.run();
}

}  // namespace

std::optional<TicketRow> TicketRepository::find(std::int64_t id) {
  auto st = db_.prepare(std::string(kTicketSelect) + "WHERE t.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return with_attachments(ticket_from(st));
}

std::optional<TicketRow> TicketRepository::find_by_client_id(const std::string& user_id,
                                                             const std::string& client_id) {
  auto st = db_.prepare(std::string(kTicketSelect) + "WHERE t.user_id = ? AND t.client_id = ?");
  st.bind(1, user_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return with_attachments(ticket_from(st));
}

TicketRow TicketRepository::create(const NewTicket& t, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO tickets (client_id, user_id, subject, description, status, priority, "
      "category, created_at, updated_at, fields, metadata) "
      "VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)");
  st.bind(1, t.client_id)
      .bind(2, t.user_id)
      .bind(3, t.subject)
      .bind(4, t.description)
      .bind(5, t.priority)
      .bind(6, t.category)
      .bind(7, now_ms)
      .bind(8, now_ms)
      .bind(9, values_text(t.fields))
      .bind(10, values_text(t.metadata));
  st.run();
  TicketRow row;
  row.id = db_.last_insert_rowid();
  row.client_id = t.client_id;
  row.user_id = t.user_id;
  row.subject = t.subject;
  row.description = t.description;
  row.status = "open";
  row.priority = t.priority;
  row.category = t.category;
  row.created_at = now_ms;
  row.updated_at = now_ms;
  row.fields = t.fields;
  row.metadata = t.metadata;
  return row;
}

void TicketRepository::set_status(std::int64_t id, const std::string& status,
                                  std::int64_t now_ms) {
  auto st = db_.prepare("UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?");
  st.bind(1, status).bind(2, now_ms).bind(3, id);
  st.run();
}

void TicketRepository::set_priority(std::int64_t id, const std::string& priority,
                                    std::int64_t now_ms) {
  auto st = db_.prepare("UPDATE tickets SET priority = ?, updated_at = ? WHERE id = ?");
  st.bind(1, priority).bind(2, now_ms).bind(3, id);
  st.run();
}

void TicketRepository::assign(std::int64_t id, const std::string& agent_id, std::int64_t now_ms) {
  auto st = db_.prepare("UPDATE tickets SET assignee_id = ?, updated_at = ? WHERE id = ?");
  st.bind(1, agent_id).bind(2, now_ms).bind(3, id);
  st.run();
}

void TicketRepository::rate(std::int64_t id, int score, const std::string& comment,
                            std::int64_t now_ms) {
  auto st = db_.prepare(
      "UPDATE tickets SET rating = ?, rating_comment = ?, rated_at = ?, updated_at = ? WHERE id = ?");
  st.bind(1, static_cast<std::int64_t>(score)).bind(2, comment).bind(3, now_ms).bind(4, now_ms).bind(5, id);
  st.run();
}

std::vector<TicketRow> TicketRepository::list(const TicketFilter& filter) {
  // Statuses are few and fixed, so one statement with an IN list built from placeholders.
  std::string sql = std::string(kTicketSelect) +
                    "WHERE (?1 = '' OR t.user_id = ?1) AND (?2 = '' OR t.category = ?2) "
                    "AND (?3 = 0 OR t.id < ?3)";
  if (!filter.statuses.empty()) {
    sql += " AND t.status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  sql += " ORDER BY t.id DESC LIMIT ?";
  auto st = db_.prepare(sql);
  st.bind(1, filter.user_id).bind(2, filter.category).bind(3, filter.before_id);
  int index = 4;
  for (const auto& status : filter.statuses) st.bind(index++, status);
  // A negative LIMIT is no limit in SQLite.
  st.bind(index, filter.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(filter.limit));
  std::vector<TicketRow> rows;
  while (st.step()) rows.push_back(with_attachments(ticket_from(st)));
  return rows;
}

std::vector<CommentRow> TicketRepository::comments(std::int64_t ticket_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCommentColumns +
                        " FROM ticket_comments WHERE ticket_id = ? ORDER BY id");
  st.bind(1, ticket_id);
  std::vector<CommentRow> rows;
  while (st.step()) rows.push_back(with_attachments(comment_from(st)));
  return rows;
}

TicketRow TicketRepository::with_attachments(TicketRow ticket) {
  ticket.attachments = attachments_.of_ticket(ticket.id);
  return ticket;
}

CommentRow TicketRepository::with_attachments(CommentRow comment) {
  comment.attachments = attachments_.of_comment(comment.id);
  return comment;
}

std::optional<CommentRow> TicketRepository::comment(std::int64_t id) {
  auto st = db_.prepare(std::string("SELECT ") + kCommentColumns + " FROM ticket_comments WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return with_attachments(comment_from(st));
}

std::optional<CommentRow> TicketRepository::find_comment(const std::string& author_id,
                                                         const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCommentColumns +
                        " FROM ticket_comments WHERE author_id = ? AND client_id = ?");
  st.bind(1, author_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return with_attachments(comment_from(st));
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
  return CommentRow{id, client_id, ticket_id, author, text, now_ms, {}};
}

}  // namespace parley::server
