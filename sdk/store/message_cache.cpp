#include "store/message_cache.hpp"

#include <cstdint>

namespace parley::store {
namespace {

// "m-17" → 17: the protocol orders message ids by their numeric part.
std::int64_t id_number(const std::string& id) {
  std::int64_t value = 0;
  std::size_t start = id.size();
  while (start > 0 && id[start - 1] >= '0' && id[start - 1] <= '9') --start;
  for (std::size_t i = start; i < id.size() && value < (INT64_MAX - 9) / 10; ++i) {
    value = value * 10 + (id[i] - '0');
  }
  return value;
}

constexpr const char* kMessageColumns =
    "coalesce(id, ''), client_id, conversation_id, author_kind, author_id, author_name, text, "
    "created_at, state";

Message read_message(const sqlite::Statement& st) {
  Message m;
  m.id = st.column_text(0);
  m.client_id = st.column_text(1);
  m.conversation_id = st.column_text(2);
  m.author = Author{st.column_text(3), st.column_text(4), st.column_text(5)};
  m.text = st.column_text(6);
  m.created_at = st.column_int(7);
  m.state = static_cast<DeliveryState>(st.column_int(8));
  return m;
}

// Binds a delivered message as ?1..?10: id, client_id, conversation_id, author kind/id/name,
// text, created_at, id_number, state.
void bind_delivered(sqlite::Statement& st, const Message& m) {
  st.bind(1, m.id)
      .bind(2, m.client_id)
      .bind(3, m.conversation_id)
      .bind(4, m.author.kind)
      .bind(5, m.author.id)
      .bind(6, m.author.name)
      .bind(7, m.text)
      .bind(8, m.created_at)
      .bind(9, id_number(m.id))
      .bind(10, static_cast<std::int64_t>(DeliveryState::sent));
}

}  // namespace

void MessageCache::add_pending(const Message& m) {
  db_.prepare("INSERT INTO messages (id, client_id, conversation_id, author_kind, author_id, "
              "author_name, text, created_at, id_number, state) "
              "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
      .bind(1, m.client_id)
      .bind(2, m.conversation_id)
      .bind(3, m.author.kind)
      .bind(4, m.author.id)
      .bind(5, m.author.name)
      .bind(6, m.text)
      .bind(7, m.created_at)
      .bind(8, static_cast<std::int64_t>(DeliveryState::pending))
      .run();
}

bool MessageCache::store(const Message& m) {
  constexpr const char* kSet =
      "SET id = ?1, client_id = ?2, conversation_id = ?3, author_kind = ?4, author_id = ?5, "
      "author_name = ?6, text = ?7, created_at = ?8, id_number = ?9, state = ?10 ";
  auto by_id = db_.prepare(std::string("UPDATE messages ") + kSet + "WHERE id = ?1");
  bind_delivered(by_id, m);
  by_id.run();
  if (db_.changes() > 0) return false;

  if (!m.client_id.empty()) {
    auto own = db_.prepare(std::string("UPDATE messages ") + kSet +
                           "WHERE id IS NULL AND client_id = ?2");
    bind_delivered(own, m);
    own.run();
    if (db_.changes() > 0) return false;
  }

  auto insert = db_.prepare(
      "INSERT INTO messages (id, client_id, conversation_id, author_kind, author_id, "
      "author_name, text, created_at, id_number, state) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  bind_delivered(insert, m);
  insert.run();
  return true;
}

void MessageCache::mark_failed(const std::string& client_id) {
  db_.prepare("UPDATE messages SET state = ? WHERE id IS NULL AND client_id = ?")
      .bind(1, static_cast<std::int64_t>(DeliveryState::failed))
      .bind(2, client_id)
      .run();
}

std::vector<Message> MessageCache::conversation(const std::string& conversation_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE conversation_id = ? "
                        "ORDER BY id IS NULL, created_at, id_number, row");
  st.bind(1, conversation_id);
  std::vector<Message> out;
  while (st.step()) out.push_back(read_message(st));
  return out;
}

void MessageCache::store_conversation(const Conversation& c) {
  db_.prepare("INSERT INTO conversations (id, user_id, status, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, "
              "status = excluded.status, created_at = excluded.created_at, "
              "updated_at = excluded.updated_at")
      .bind(1, c.id)
      .bind(2, c.user_id)
      .bind(3, c.status)
      .bind(4, c.created_at)
      .bind(5, c.updated_at)
      .run();
}

std::vector<Conversation> MessageCache::conversations() {
  auto st = db_.prepare("SELECT id, user_id, status, created_at, updated_at FROM conversations "
                        "ORDER BY updated_at DESC, id DESC");
  std::vector<Conversation> out;
  while (st.step()) {
    out.push_back(Conversation{st.column_text(0), st.column_text(1), st.column_text(2),
                               st.column_int(3), st.column_int(4)});
  }
  return out;
}

void MessageCache::clear_delivered() {
  db_.prepare("DELETE FROM messages WHERE state != ?")
      .bind(1, static_cast<std::int64_t>(DeliveryState::pending))
      .run();
  db_.exec("DELETE FROM conversations");
}

}  // namespace parley::store
