#include "store/ticket_cache.hpp"

#include <tuple>

namespace parley::store {
namespace {

auto fields(const Ticket& t) {
  return std::tie(t.id, t.client_id, t.user_id, t.subject, t.description, t.status, t.priority,
                  t.category, t.created_at, t.updated_at);
}

auto fields(const Comment& c) {
  return std::tie(c.id, c.client_id, c.ticket_id, c.author.kind, c.author.id, c.author.name,
                  c.text, c.created_at);
}

constexpr const char* kCommentColumns =
    "id, client_id, ticket_id, author_kind, author_id, author_name, text, created_at";

Comment read_comment(const sqlite::Statement& st) {
  return Comment{st.column_text(0), st.column_text(1), st.column_text(2),
                 Author{st.column_text(3), st.column_text(4), st.column_text(5)},
                 st.column_text(6), st.column_int(7)};
}

std::optional<Comment> find_comment(sqlite::Database& db, const std::string& id) {
  auto st = db.prepare(std::string("SELECT ") + kCommentColumns + " FROM comments WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_comment(st);
}

}  // namespace

std::optional<Ticket> TicketCache::ticket(const std::string& id) {
  auto st = db_.prepare("SELECT id, client_id, user_id, subject, description, status, priority, "
                        "category, created_at, updated_at FROM tickets WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return Ticket{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3),
                st.column_text(4), st.column_text(5), st.column_text(6), st.column_text(7),
                st.column_int(8),  st.column_int(9)};
}

Stored TicketCache::store_ticket(const Ticket& t) {
  const auto known = ticket(t.id);
  if (known && fields(*known) == fields(t)) return Stored::unchanged;
  db_.prepare("INSERT OR REPLACE INTO tickets (id, client_id, user_id, subject, description, "
              "status, priority, category, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, t.id)
      .bind(2, t.client_id)
      .bind(3, t.user_id)
      .bind(4, t.subject)
      .bind(5, t.description)
      .bind(6, t.status)
      .bind(7, t.priority)
      .bind(8, t.category)
      .bind(9, t.created_at)
      .bind(10, t.updated_at)
      .run();
  return known ? Stored::changed : Stored::inserted;
}

Stored TicketCache::store_comment(const Comment& c) {
  const auto known = find_comment(db_, c.id);
  if (known && fields(*known) == fields(c)) return Stored::unchanged;
  db_.prepare("INSERT OR REPLACE INTO comments (id, client_id, ticket_id, author_kind, "
              "author_id, author_name, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, c.id)
      .bind(2, c.client_id)
      .bind(3, c.ticket_id)
      .bind(4, c.author.kind)
      .bind(5, c.author.id)
      .bind(6, c.author.name)
      .bind(7, c.text)
      .bind(8, c.created_at)
      .run();
  return known ? Stored::changed : Stored::inserted;
}

std::vector<Comment> TicketCache::comments(const std::string& ticket_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCommentColumns +
                        " FROM comments WHERE ticket_id = ? ORDER BY created_at, id");
  st.bind(1, ticket_id);
  std::vector<Comment> out;
  while (st.step()) out.push_back(read_comment(st));
  return out;
}

void TicketCache::clear() {
  db_.exec("DELETE FROM comments");
  db_.exec("DELETE FROM tickets");
}

}  // namespace parley::store
