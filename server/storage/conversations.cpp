#include "storage/conversations.hpp"

#include <algorithm>

namespace parley::server {
namespace {

constexpr const char* kMessageColumns =
    "id, client_id, conversation_id, author_kind, author_id, author_name, text, created_at, "
    "edited_at, deleted";
// The assignee's name is the principal's current one. A waiting conversation's place in the
// queue is counted from the partial index of waiting ones (conversations_waiting).
#define PARLEY_WAITING(t) "(" t ".queued_at > 0 AND " t ".assignee_id IS NULL AND " t ".status = 'open')"
constexpr const char* kConversationSelect =
    "SELECT c.id, c.user_id, c.status, c.created_at, c.updated_at, c.assignee_id, p.name, "
    "c.user_delivered, c.user_read, c.agent_delivered, c.agent_read, c.queued_at, "
    "CASE WHEN " PARLEY_WAITING("c") " THEN (SELECT COUNT(*) FROM conversations q WHERE "
    PARLEY_WAITING("q") " AND (q.queued_at < c.queued_at OR (q.queued_at = c.queued_at AND "
    "q.id <= c.id))) ELSE 0 END "
    "FROM conversations c LEFT JOIN principals p ON p.id = c.assignee_id ";

MessageRow message_from(const sqlite::Statement& st) {
  MessageRow m;
  m.id = st.column_int(0);
  m.client_id = st.column_text(1);
  m.conversation_id = st.column_int(2);
  m.author = Author{st.column_text(3), st.column_text(4), st.column_text(5)};
  m.text = st.column_text(6);
  m.created_at = st.column_int(7);
  m.edited_at = st.column_int(8);
  m.deleted = st.column_int(9) != 0;
  return m;
}

ConversationRow conversation_from(const sqlite::Statement& st) {
  ConversationRow c;
  c.id = st.column_int(0);
  c.user_id = st.column_text(1);
  c.status = st.column_text(2);
  c.created_at = st.column_int(3);
  c.updated_at = st.column_int(4);
  if (!st.column_is_null(5)) c.assignee = Author{"agent", st.column_text(5), st.column_text(6)};
  c.user_receipt = ReceiptRow{st.column_int(7), st.column_int(8)};
  c.agent_receipt = ReceiptRow{st.column_int(9), st.column_int(10)};
  c.queued_at = st.column_int(11);
  c.queue_position = st.column_int(12);
  return c;
}

}  // namespace

std::vector<ConversationRow> ConversationRepository::conversations(sqlite::Statement& st,
                                                                   LastMessage last) {
  std::vector<ConversationRow> rows;
  while (st.step()) rows.push_back(conversation_from(st));
  if (last == LastMessage::skip) return rows;
  for (auto& row : rows) row.last_message = last_message(row.id);
  return rows;
}

MessageRow ConversationRepository::with_attachments(MessageRow message) {
  message.attachments = attachments_.of_message(message.id);
  return message;
}

std::optional<MessageRow> ConversationRepository::last_message(std::int64_t conversation_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, conversation_id);
  if (!st.step()) return std::nullopt;
  return with_attachments(message_from(st));
}

std::vector<ConversationRow> ConversationRepository::select_conversations(
    const std::string& where_order, LastMessage last,
    const std::function<void(sqlite::Statement&)>& bind) {
  auto st = db_.prepare(kConversationSelect + where_order);
  bind(st);
  return conversations(st, last);
}

std::optional<ConversationRow> ConversationRepository::find(std::int64_t id, LastMessage last) {
  auto rows = select_conversations("WHERE c.id = ?", last, [&](auto& st) { st.bind(1, id); });
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<ConversationRow> ConversationRepository::open_for_user(const std::string& user_id,
                                                                    LastMessage last) {
  auto rows = select_conversations(
      "WHERE c.user_id = ? AND c.status = 'open' ORDER BY c.id DESC LIMIT 1", last,
      [&](auto& st) { st.bind(1, user_id); });
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

ConversationRow ConversationRepository::create(const std::string& user_id, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO conversations (user_id, status, created_at, updated_at) "
      "VALUES (?, 'open', ?, ?)");
  st.bind(1, user_id).bind(2, now_ms).bind(3, now_ms);
  st.run();
  ConversationRow row;
  row.id = db_.last_insert_rowid();
  row.user_id = user_id;
  row.status = "open";
  row.created_at = now_ms;
  row.updated_at = now_ms;
  return row;
}

std::vector<ConversationRow> ConversationRepository::list(const std::string& user_id,
                                                          bool open_only) {
  return select_conversations(
      "WHERE (?1 = '' OR c.user_id = ?1) AND (?2 = 0 OR c.status = 'open') "
      "ORDER BY c.updated_at DESC, c.id DESC", LastMessage::load,
      [&](auto& st) { st.bind(1, user_id).bind(2, open_only ? 1 : 0); });
}

std::optional<MessageRow> ConversationRepository::find_message(const std::string& author_id,
                                                               const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE author_id = ? AND client_id = ?");
  st.bind(1, author_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return with_attachments(message_from(st));
}

MessageRow ConversationRepository::add_message(std::int64_t conversation_id,
                                               const std::string& client_id, const Author& author,
                                               const std::string& text, std::int64_t now_ms) {
  auto insert = db_.prepare(
      "INSERT INTO messages (conversation_id, client_id, author_kind, author_id, author_name, "
      "text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, conversation_id)
      .bind(2, client_id)
      .bind(3, author.kind)
      .bind(4, author.id)
      .bind(5, author.name)
      .bind(6, text)
      .bind(7, now_ms);
  insert.run();
  const std::int64_t id = db_.last_insert_rowid();

  auto touch = db_.prepare("UPDATE conversations SET updated_at = ? WHERE id = ?");
  touch.bind(1, now_ms).bind(2, conversation_id);
  touch.run();
  MessageRow row;
  row.id = id;
  row.client_id = client_id;
  row.conversation_id = conversation_id;
  row.author = author;
  row.text = text;
  row.created_at = now_ms;
  return row;
}

std::optional<MessageRow> ConversationRepository::find_message(std::int64_t id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return with_attachments(message_from(st));
}

std::optional<std::int64_t> ConversationRepository::changed_message(const std::string& author_id,
                                                                    const std::string& client_id) {
  auto st = db_.prepare(
      "SELECT message_id FROM message_changes WHERE author_id = ? AND client_id = ?");
  st.bind(1, author_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return st.column_int(0);
}

void ConversationRepository::record_change(const std::string& author_id,
                                           const std::string& client_id, std::int64_t message_id) {
  db_.prepare("INSERT INTO message_changes (author_id, client_id, message_id) VALUES (?, ?, ?)")
      .bind(1, author_id)
      .bind(2, client_id)
      .bind(3, message_id)
      .run();
}

void ConversationRepository::edit_message(std::int64_t id, const std::string& text,
                                          std::int64_t now_ms) {
  db_.prepare("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?")
      .bind(1, text)
      .bind(2, now_ms)
      .bind(3, id)
      .run();
}

void ConversationRepository::delete_message(std::int64_t id) {
  db_.prepare("UPDATE messages SET text = '', deleted = 1 WHERE id = ?").bind(1, id).run();
}

void ConversationRepository::assign(std::int64_t conversation_id, const std::string& agent_id) {
  db_.prepare("UPDATE conversations SET assignee_id = ? WHERE id = ?")
      .bind(1, agent_id)
      .bind(2, conversation_id)
      .run();
}

void ConversationRepository::enqueue(std::int64_t conversation_id, std::int64_t now_ms) {
  db_.prepare("UPDATE conversations SET queued_at = ? "
              "WHERE id = ? AND queued_at = 0 AND assignee_id IS NULL AND status = 'open'")
      .bind(1, now_ms)
      .bind(2, conversation_id)
      .run();
}

std::vector<ConversationRow> ConversationRepository::waiting() {
  return select_conversations("WHERE " PARLEY_WAITING("c") " ORDER BY c.queued_at, c.id",
                              LastMessage::skip, [](auto&) {});
}

void ConversationRepository::set_receipt(std::int64_t conversation_id, Side side,
                                         const ReceiptRow& receipt) {
  const char* sql = side == Side::user
                        ? "UPDATE conversations SET user_delivered = ?, user_read = ? WHERE id = ?"
                        : "UPDATE conversations SET agent_delivered = ?, agent_read = ? WHERE id = ?";
  db_.prepare(sql)
      .bind(1, receipt.delivered_up_to)
      .bind(2, receipt.read_up_to)
      .bind(3, conversation_id)
      .run();
}

MessagePage ConversationRepository::history(std::int64_t conversation_id, std::int64_t before_id,
                                            std::size_t limit) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE conversation_id = ? AND (? = 0 OR id < ?) "
                        "ORDER BY id DESC LIMIT ?");
  st.bind(1, conversation_id)
      .bind(2, before_id)
      .bind(3, before_id)
      .bind(4, static_cast<std::int64_t>(limit) + 1);
  MessagePage page;
  while (st.step()) page.messages.push_back(with_attachments(message_from(st)));
  if (page.messages.size() > limit) {
    page.has_more = true;
    page.messages.pop_back();
  }
  std::reverse(page.messages.begin(), page.messages.end());
  return page;
}

}  // namespace parley::server
