#include "store/conversation_cache.hpp"

#include <tuple>

#include "store/message_order.hpp"

namespace parley::store {
namespace {

constexpr const char* kColumns =
    "id, user_id, status, created_at, updated_at, assignee_kind, assignee_id, assignee_name, "
    "user_delivered, user_read, agent_delivered, agent_read, queue_position";

Conversation read_conversation(const sqlite::Statement& st) {
  Conversation c;
  c.id = st.column_text(0);
  c.user_id = st.column_text(1);
  c.status = st.column_text(2);
  c.created_at = st.column_int(3);
  c.updated_at = st.column_int(4);
  c.assignee = Author{st.column_text(5), st.column_text(6), st.column_text(7)};
  c.user_receipt = Receipt{st.column_text(8), st.column_text(9)};
  c.agent_receipt = Receipt{st.column_text(10), st.column_text(11)};
  c.queue_position = st.column_int(12);
  return c;
}

auto fields(const Conversation& c) {
  return std::tie(c.id, c.user_id, c.status, c.created_at, c.updated_at, c.assignee.kind,
                  c.assignee.id, c.assignee.name, c.user_receipt.delivered_up_to,
                  c.user_receipt.read_up_to, c.agent_receipt.delivered_up_to,
                  c.agent_receipt.read_up_to, c.queue_position);
}

const std::string& newer(const std::string& a, const std::string& b) {
  return message_number(b) > message_number(a) ? b : a;
}

Receipt merged(const Receipt& stored, const Receipt& incoming) {
  return Receipt{newer(stored.delivered_up_to, incoming.delivered_up_to),
                 newer(stored.read_up_to, incoming.read_up_to)};
}

}  // namespace

Side side_of(const Author& principal) {
  return principal.kind == "user" ? Side::user : Side::support;
}

Stored ConversationCache::store(const Conversation& incoming) {
  Conversation c = incoming;
  const auto known = find(c.id);
  if (known) {
    c.user_receipt = merged(known->user_receipt, c.user_receipt);
    c.agent_receipt = merged(known->agent_receipt, c.agent_receipt);
    c.updated_at = std::max(c.updated_at, known->updated_at);
    if (fields(*known) == fields(c)) return Stored::unchanged;
  }
  db_.prepare(std::string("INSERT INTO conversations (") + kColumns +
              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
              "ON CONFLICT (id) DO UPDATE SET user_id = ?2, status = ?3, created_at = ?4, "
              "updated_at = ?5, assignee_kind = ?6, assignee_id = ?7, assignee_name = ?8, "
              "user_delivered = ?9, user_read = ?10, agent_delivered = ?11, agent_read = ?12, "
              "queue_position = ?13")
      .bind(1, c.id)
      .bind(2, c.user_id)
      .bind(3, c.status)
      .bind(4, c.created_at)
      .bind(5, c.updated_at)
      .bind(6, c.assignee.kind)
      .bind(7, c.assignee.id)
      .bind(8, c.assignee.name)
      .bind(9, c.user_receipt.delivered_up_to)
      .bind(10, c.user_receipt.read_up_to)
      .bind(11, c.agent_receipt.delivered_up_to)
      .bind(12, c.agent_receipt.read_up_to)
      .bind(13, c.queue_position)
      .run();
  return known ? Stored::changed : Stored::inserted;
}

void ConversationCache::touch(const Message& m) {
  if (m.conversation_id.empty()) return;
  // A conversation first seen through one of its messages: open, and the user's id is known
  // when the user wrote it; a later copy from the server fills in the rest.
  db_.prepare("INSERT INTO conversations (id, user_id, status, created_at, updated_at) "
              "VALUES (?1, ?2, 'open', ?3, ?3) ON CONFLICT (id) DO UPDATE SET "
              "updated_at = max(updated_at, ?3), "
              "user_id = CASE WHEN user_id = '' THEN ?2 ELSE user_id END")
      .bind(1, m.conversation_id)
      .bind(2, m.author.kind == "user" ? m.author.id : std::string())
      .bind(3, m.created_at)
      .run();
}

std::optional<Conversation> ConversationCache::find(const std::string& id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM conversations WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_conversation(st);
}

std::vector<Conversation> ConversationCache::all() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM conversations ORDER BY updated_at DESC, id DESC");
  std::vector<Conversation> out;
  while (st.step()) out.push_back(read_conversation(st));
  return out;
}

void ConversationCache::set_history_complete(const std::string& id) {
  db_.prepare("UPDATE conversations SET history_complete = 1 WHERE id = ?").bind(1, id).run();
}

bool ConversationCache::history_complete(const std::string& id) {
  auto st = db_.prepare("SELECT history_complete FROM conversations WHERE id = ?");
  st.bind(1, id);
  return st.step() && st.column_int(0) != 0;
}

void ConversationCache::clear() { db_.exec("DELETE FROM conversations"); }

}  // namespace parley::store
