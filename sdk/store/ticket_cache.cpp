#include "store/ticket_cache.hpp"

#include <tuple>

#include <nlohmann/json.hpp>

#include "protocol/ticket_schema.hpp"
#include "store/attachment_list.hpp"

namespace parley::store {
namespace {

auto fields(const Ticket& t) {
  return std::make_tuple(t.id, t.client_id, t.user_id, t.subject, t.description, t.status, t.priority,
                  t.category, t.created_at, t.updated_at, t.fields, t.metadata, t.assignee.kind,
                  t.assignee.id, t.assignee.name, t.rating.score, t.rating.comment,
                  t.rating.rated_at, attachments_text(t.attachments));
}

constexpr const char* kTicketSelect =
    "SELECT id, client_id, user_id, subject, description, status, priority, category, "
    "created_at, updated_at, fields, metadata, assignee_kind, assignee_id, assignee_name, "
    "rating, rating_comment, rated_at, attachments FROM tickets ";


Ticket read_ticket(const sqlite::Statement& st) {
  Ticket t;
  t.id = st.column_text(0);
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
  t.assignee = Author{st.column_text(12), st.column_text(13), st.column_text(14)};
  t.rating = TicketRating{static_cast<int>(st.column_int(15)), st.column_text(16), st.column_int(17)};
  t.attachments = attachments_from(st.column_text(18));
  return t;
}

auto fields(const Comment& c) {
  return std::make_tuple(c.id, c.client_id, c.ticket_id, c.author.kind, c.author.id, c.author.name,
                         c.text, c.created_at, attachments_text(c.attachments));
}

constexpr const char* kCommentColumns =
    "id, client_id, ticket_id, author_kind, author_id, author_name, text, created_at, attachments";

Comment read_comment(const sqlite::Statement& st) {
  return Comment{st.column_text(0), st.column_text(1), st.column_text(2),
                 Author{st.column_text(3), st.column_text(4), st.column_text(5)},
                 st.column_text(6), st.column_int(7), attachments_from(st.column_text(8))};
}

std::optional<Comment> find_comment(sqlite::Database& db, const std::string& id) {
  auto st = db.prepare(std::string("SELECT ") + kCommentColumns + " FROM comments WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_comment(st);
}

}  // namespace

std::optional<Ticket> TicketCache::ticket(const std::string& id) {
  auto st = db_.prepare(std::string(kTicketSelect) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_ticket(st);
}

std::vector<Ticket> TicketCache::tickets() {
  auto st = db_.prepare(std::string(kTicketSelect) + "ORDER BY created_at DESC, id DESC");
  std::vector<Ticket> out;
  while (st.step()) out.push_back(read_ticket(st));
  return out;
}

Stored TicketCache::store_ticket(const Ticket& t) {
  const auto known = ticket(t.id);
  if (known && fields(*known) == fields(t)) return Stored::unchanged;
  db_.prepare("INSERT OR REPLACE INTO tickets (id, client_id, user_id, subject, description, "
              "status, priority, category, created_at, updated_at, fields, metadata, "
              "assignee_kind, assignee_id, assignee_name, rating, rating_comment, rated_at, "
              "attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
      .bind(11, nlohmann::json(t.fields).dump())
      .bind(12, nlohmann::json(t.metadata).dump())
      .bind(13, t.assignee.kind)
      .bind(14, t.assignee.id)
      .bind(15, t.assignee.name)
      .bind(16, t.rating.score)
      .bind(17, t.rating.comment)
      .bind(18, t.rating.rated_at)
      .bind(19, attachments_text(t.attachments))
      .run();
  return known ? Stored::changed : Stored::inserted;
}

Stored TicketCache::store_comment(const Comment& c) {
  const auto known = find_comment(db_, c.id);
  if (known && fields(*known) == fields(c)) return Stored::unchanged;
  db_.prepare("INSERT OR REPLACE INTO comments (id, client_id, ticket_id, author_kind, "
              "author_id, author_name, text, created_at, attachments) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, c.id)
      .bind(2, c.client_id)
      .bind(3, c.ticket_id)
      .bind(4, c.author.kind)
      .bind(5, c.author.id)
      .bind(6, c.author.name)
      .bind(7, c.text)
      .bind(8, c.created_at)
      .bind(9, attachments_text(c.attachments))
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
