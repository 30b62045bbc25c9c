#include "storage/attachments.hpp"

namespace parley::server {
namespace {

constexpr const char* kSelect =
    "SELECT id, owner_id, name, content_type, size, received, created_at, "
    "coalesce(message_id, 0), coalesce(comment_id, 0), coalesce(ticket_id, 0) FROM attachments ";

AttachmentRow row_from(const sqlite::Statement& st) {
  AttachmentRow a;
  a.id = st.column_int(0);
  a.owner_id = st.column_text(1);
  a.name = st.column_text(2);
  a.content_type = st.column_text(3);
  a.size = st.column_int(4);
  a.received = st.column_int(5);
  a.created_at = st.column_int(6);
  a.message_id = st.column_int(7);
  a.comment_id = st.column_int(8);
  a.ticket_id = st.column_int(9);
  return a;
}

}  // namespace

AttachmentRow AttachmentRepository::create(const std::string& owner_id, const std::string& name,
                                           const std::string& content_type, std::int64_t size,
                                           std::int64_t now_ms) {
  db_.prepare("INSERT INTO attachments (owner_id, name, content_type, size, created_at) "
              "VALUES (?, ?, ?, ?, ?)")
      .bind(1, owner_id)
      .bind(2, name)
      .bind(3, content_type)
      .bind(4, size)
      .bind(5, now_ms)
      .run();
  AttachmentRow a;
  a.id = db_.last_insert_rowid();
  a.owner_id = owner_id;
  a.name = name;
  a.content_type = content_type;
  a.size = size;
  a.created_at = now_ms;
  return a;
}

std::vector<AttachmentRow> AttachmentRepository::select(const char* where, std::int64_t value) {
  auto st = db_.prepare(std::string(kSelect) + where + " ORDER BY id");
  st.bind(1, value);
  std::vector<AttachmentRow> rows;
  while (st.step()) rows.push_back(row_from(st));
  return rows;
}

std::optional<AttachmentRow> AttachmentRepository::find(std::int64_t id) {
  auto rows = select("WHERE id = ?", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void AttachmentRepository::set_received(std::int64_t id, std::int64_t received) {
  db_.prepare("UPDATE attachments SET received = ? WHERE id = ?").bind(1, received).bind(2, id).run();
}

void AttachmentRepository::remove(std::int64_t id) {
  db_.prepare("DELETE FROM attachments WHERE id = ?").bind(1, id).run();
}

std::vector<std::int64_t> AttachmentRepository::unlinked_before(std::int64_t before_ms, std::size_t limit) {
  auto st = db_.prepare(
      "SELECT id FROM attachments WHERE created_at < ? AND message_id IS NULL AND comment_id IS NULL "
      "AND ticket_id IS NULL ORDER BY created_at LIMIT ?");
  st.bind(1, before_ms).bind(2, static_cast<std::int64_t>(limit));
  std::vector<std::int64_t> ids;
  while (st.step()) ids.push_back(st.column_int(0));
  return ids;
}

void AttachmentRepository::link_to_message(std::int64_t id, std::int64_t message_id) {
  db_.prepare("UPDATE attachments SET message_id = ? WHERE id = ?").bind(1, message_id).bind(2, id).run();
}

void AttachmentRepository::link_to_comment(std::int64_t id, std::int64_t comment_id) {
  db_.prepare("UPDATE attachments SET comment_id = ? WHERE id = ?").bind(1, comment_id).bind(2, id).run();
}

void AttachmentRepository::link_to_ticket(std::int64_t id, std::int64_t ticket_id) {
  db_.prepare("UPDATE attachments SET ticket_id = ? WHERE id = ?").bind(1, ticket_id).bind(2, id).run();
}

std::vector<AttachmentRow> AttachmentRepository::of_ticket(std::int64_t ticket_id) {
  return select("WHERE ticket_id = ?", ticket_id);
}

std::vector<AttachmentRow> AttachmentRepository::of_message(std::int64_t message_id) {
  return select("WHERE message_id = ?", message_id);
}

std::vector<AttachmentRow> AttachmentRepository::of_comment(std::int64_t comment_id) {
  return select("WHERE comment_id = ?", comment_id);
}

}  // namespace parley::server
