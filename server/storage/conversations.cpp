#include "storage/conversations.hpp"

#include <algorithm>

namespace parley::server {
namespace {

constexpr const char* kMessageColumns =
    "id, client_id, conversation_id, author_kind, author_id, author_name, text, created_at";
constexpr const char* kConversationColumns = "id, user_id, status, created_at, updated_at";

MessageRow message_from(const sqlite::Statement& st) {
  return MessageRow{st.column_int(0),
                    st.column_text(1),
                    st.column_int(2),
                    Author{st.column_text(3), st.column_text(4), st.column_text(5)},
                    st.column_text(6),
                    st.column_int(7)};
}

ConversationRow conversation_from(const sqlite::Statement& st) {
  return ConversationRow{st.column_int(0), st.column_text(1), st.column_text(2),
                         st.column_int(3), st.column_int(4), std::nullopt};
}

}  // namespace

std::vector<ConversationRow> ConversationRepository::conversations(sqlite::Statement& st) {
  std::vector<ConversationRow> rows;
  while (st.step()) rows.push_back(conversation_from(st));
  for (auto& row : rows) row.last_message = last_message(row.id);
  return rows;
}

std::optional<MessageRow> ConversationRepository::last_message(std::int64_t conversation_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, conversation_id);
  if (!st.step()) return std::nullopt;
  return message_from(st);
}

std::optional<ConversationRow> ConversationRepository::find(std::int64_t id) {
  auto st = db_.prepare(std::string("SELECT ") + kConversationColumns +
                        " FROM conversations WHERE id = ?");
  st.bind(1, id);
  auto rows = conversations(st);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<ConversationRow> ConversationRepository::open_for_user(const std::string& user_id) {
  auto st = db_.prepare(std::string("SELECT ") + kConversationColumns +
                        " FROM conversations WHERE user_id = ? AND status = 'open' "
                        "ORDER BY id DESC LIMIT 1");
  st.bind(1, user_id);
  auto rows = conversations(st);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

ConversationRow ConversationRepository::create(const std::string& user_id, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO conversations (user_id, status, created_at, updated_at) "
      "VALUES (?, 'open', ?, ?)");
  st.bind(1, user_id).bind(2, now_ms).bind(3, now_ms);
  st.run();
  return ConversationRow{db_.last_insert_rowid(), user_id, "open", now_ms, now_ms, std::nullopt};
}

std::vector<ConversationRow> ConversationRepository::list(const std::string& user_id,
                                                          bool open_only) {
  auto st = db_.prepare(std::string("SELECT ") + kConversationColumns +
                        " FROM conversations WHERE (?1 = '' OR user_id = ?1) "
                        "AND (?2 = 0 OR status = 'open') ORDER BY updated_at DESC, id DESC");
  st.bind(1, user_id).bind(2, open_only ? 1 : 0);
  return conversations(st);
}

std::optional<MessageRow> ConversationRepository::find_message(const std::string& author_id,
                                                               const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM messages WHERE author_id = ? AND client_id = ?");
  st.bind(1, author_id).bind(2, client_id);
  if (!st.step()) return std::nullopt;
  return message_from(st);
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
  return MessageRow{id, client_id, conversation_id, author, text, now_ms};
}

bool ConversationRepository::has_user_message(std::int64_t conversation_id) {
  auto st = db_.prepare(
      "SELECT 1 FROM messages WHERE conversation_id = ? AND author_kind = 'user' LIMIT 1");
  st.bind(1, conversation_id);
  return st.step();
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
  while (st.step()) page.messages.push_back(message_from(st));
  if (page.messages.size() > limit) {
    page.has_more = true;
    page.messages.pop_back();
  }
  std::reverse(page.messages.begin(), page.messages.end());
  return page;
}

}  // namespace parley::server
