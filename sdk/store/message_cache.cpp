#include "store/message_cache.hpp"

#include <algorithm>
#include <tuple>

#include "store/attachment_list.hpp"
#include "store/message_order.hpp"

namespace parley::store {
namespace {

// Lookups of the client's own pending rows write "+id IS NULL": without the "+" SQLite walks the
// UNIQUE index on id through every pending row instead of using the client_id index, and each
// acknowledgement of a long offline backlog would cost time in proportion to the backlog.
constexpr const char* kMessageColumns =
    "coalesce(id, ''), client_id, conversation_id, author_kind, author_id, author_name, text, "
    "created_at, state, edited_at, deleted, attachments";

Message read_message(const sqlite::Statement& st) {
  Message m;
  m.id = st.column_text(0);
  m.client_id = st.column_text(1);
  m.conversation_id = st.column_text(2);
  m.author = Author{st.column_text(3), st.column_text(4), st.column_text(5)};
  m.text = st.column_text(6);
  m.created_at = st.column_int(7);
  m.state = static_cast<DeliveryState>(st.column_int(8));
  m.edited_at = st.column_int(9);
  m.deleted = st.column_int(10) != 0;
  m.attachments = attachments_from(st.column_text(11));
  return m;
}

std::vector<Message> read_all(sqlite::Statement& st) {
  std::vector<Message> out;
  while (st.step()) out.push_back(read_message(st));
  return out;
}

auto content(const Message& m) {
  return std::make_tuple(m.id, m.client_id, m.conversation_id, m.author.kind, m.author.id,
                         m.author.name, m.text, m.created_at, m.edited_at, m.deleted,
                         attachments_text(m.attachments));
}

// Binds a delivered message as ?1..?13: id, client_id, conversation_id, author kind/id/name,
// text, created_at, id number, state, edited_at, deleted, attachments.
void bind_delivered(sqlite::Statement& st, const Message& m) {
  st.bind(1, m.id)
      .bind(2, m.client_id)
      .bind(3, m.conversation_id)
      .bind(4, m.author.kind)
      .bind(5, m.author.id)
      .bind(6, m.author.name)
      .bind(7, m.text)
      .bind(8, m.created_at)
      .bind(9, message_number(m.id))
      .bind(10, static_cast<std::int64_t>(DeliveryState::sent))
      .bind(11, m.edited_at)
      .bind(12, static_cast<std::int64_t>(m.deleted ? 1 : 0))
      .bind(13, attachments_text(m.attachments));
}

// "author_kind IN ('agent','bot')" for the given kinds (fixed protocol words, never app input).
std::string kind_filter(const std::vector<std::string>& kinds) {
  std::string sql = "author_kind IN (";
  for (std::size_t i = 0; i < kinds.size(); ++i) sql += (i ? ",'" : "'") + kinds[i] + "'";
  return sql + ")";
}

}  // namespace

void MessageCache::add_pending(const Message& m) {
  db_.prepare("INSERT INTO messages (id, client_id, conversation_id, author_kind, author_id, "
              "author_name, text, created_at, id_number, state, attachments) "
              "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
      .bind(1, m.client_id)
      .bind(2, m.conversation_id)
      .bind(3, m.author.kind)
      .bind(4, m.author.id)
      .bind(5, m.author.name)
      .bind(6, m.text)
      .bind(7, m.created_at)
      .bind(8, static_cast<std::int64_t>(DeliveryState::pending))
      .bind(9, attachments_text(m.attachments))
      .run();
}

Stored MessageCache::store(const Message& m) {
  // Every column but client_id. The pending row found by its client_id keeps it as it is:
  // an update that set the column it is found by would have SQLite collect the rows in a
  // temporary table first (on the path of every acknowledgement).
  constexpr const char* kSetButClientId =
      "id = ?1, conversation_id = ?3, author_kind = ?4, author_id = ?5, "
      "author_name = ?6, text = ?7, created_at = ?8, id_number = ?9, state = ?10, "
      "edited_at = ?11, deleted = ?12, attachments = ?13 ";
  if (const auto known = find(m.id)) {
    if (content(*known) == content(m)) return Stored::unchanged;
    auto by_id = db_.prepare(std::string("UPDATE messages SET client_id = ?2, ") +
                             kSetButClientId + "WHERE id = ?1");
    bind_delivered(by_id, m);
    by_id.run();
    return Stored::changed;
  }
  if (!m.client_id.empty()) {
    auto own = db_.prepare(std::string("UPDATE messages SET ") + kSetButClientId +
                           "WHERE +id IS NULL AND client_id = ?2");
    bind_delivered(own, m);
    own.run();
    if (db_.changes() > 0) return Stored::changed;
  }
  auto insert = db_.prepare(
      "INSERT INTO messages (id, client_id, conversation_id, author_kind, author_id, "
      "author_name, text, created_at, id_number, state, edited_at, deleted, attachments) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  bind_delivered(insert, m);
  insert.run();
  return Stored::inserted;
}

std::optional<Message> MessageCache::find(const std::string& id) {
  if (id.empty()) return std::nullopt;
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_message(st);
}

std::optional<Message> MessageCache::find_pending(const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE +id IS NULL AND client_id = ?");
  st.bind(1, client_id);
  if (!st.step()) return std::nullopt;
  return read_message(st);
}

void MessageCache::set_state(const std::string& client_id, DeliveryState state) {
  db_.prepare("UPDATE messages SET state = ? WHERE +id IS NULL AND client_id = ?")
      .bind(1, static_cast<std::int64_t>(state))
      .bind(2, client_id)
      .run();
}

void MessageCache::remove_pending(const std::string& client_id) {
  db_.prepare("DELETE FROM messages WHERE +id IS NULL AND client_id = ?").bind(1, client_id).run();
}

void MessageCache::set_pending_attachments(const std::string& client_id,
                                           const std::vector<Attachment>& attachments) {
  db_.prepare("UPDATE messages SET attachments = ? WHERE +id IS NULL AND client_id = ?")
      .bind(1, attachments_text(attachments))
      .bind(2, client_id)
      .run();
}

std::vector<Message> MessageCache::conversation(const std::string& conversation_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE conversation_id = ? "
                        "ORDER BY id IS NULL, created_at, id_number, row");
  st.bind(1, conversation_id);
  return read_all(st);
}

MessagePage MessageCache::page(const std::string& conversation_id, std::int64_t before,
                               std::size_t limit) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE conversation_id = ?1 AND id IS NOT NULL "
                        "AND (?2 = 0 OR id_number < ?2) ORDER BY id_number DESC LIMIT ?3");
  st.bind(1, conversation_id).bind(2, before).bind(3, static_cast<std::int64_t>(limit) + 1);
  MessagePage page;
  page.messages = read_all(st);
  if (page.messages.size() > limit) {
    page.older_cached = true;
    page.messages.pop_back();
  }
  std::reverse(page.messages.begin(), page.messages.end());
  return page;
}

std::string MessageCache::oldest_id(const std::string& conversation_id) {
  auto st = db_.prepare("SELECT id FROM messages WHERE conversation_id = ? AND id IS NOT NULL "
                        "ORDER BY id_number LIMIT 1");
  st.bind(1, conversation_id);
  return st.step() ? st.column_text(0) : std::string();
}

std::string MessageCache::newest_id_from(const std::string& conversation_id,
                                         const std::vector<std::string>& author_kinds) {
  auto st = db_.prepare("SELECT id FROM messages WHERE conversation_id = ? AND id IS NOT NULL "
                        "AND " + kind_filter(author_kinds) + " ORDER BY id_number DESC LIMIT 1");
  st.bind(1, conversation_id);
  return st.step() ? st.column_text(0) : std::string();
}

std::int64_t MessageCache::count_after(const std::string& conversation_id,
                                       const std::vector<std::string>& author_kinds,
                                       std::int64_t after) {
  auto st = db_.prepare("SELECT count(*) FROM messages WHERE conversation_id = ? AND id IS NOT "
                        "NULL AND deleted = 0 AND id_number > ? AND " +
                        kind_filter(author_kinds));
  st.bind(1, conversation_id).bind(2, after);
  st.step();
  return st.column_int(0);
}

void MessageCache::clear_delivered() {
  db_.exec("DELETE FROM messages WHERE id IS NOT NULL");
}

}  // namespace parley::store
