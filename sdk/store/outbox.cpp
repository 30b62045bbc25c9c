#include "store/outbox.hpp"

namespace parley::store {
namespace {

constexpr const char* kColumns =
    "position, client_id, op, args, tag, principal_id, coalesce(failed_code, ''), "
    "coalesce(failed_message, ''), held";

OutboxEntry read_entry(const sqlite::Statement& st) {
  OutboxEntry e;
  e.position = st.column_int(0);
  e.client_id = st.column_text(1);
  e.op = st.column_text(2);
  e.args_json = st.column_text(3);
  // Tags are the app's 64-bit values, stored bit for bit in SQLite's signed integer.
  e.tag = static_cast<std::uint64_t>(st.column_int(4));
  e.principal_id = st.column_text(5);
  e.failed_code = st.column_text(6);
  e.failed_message = st.column_text(7);
  e.held = st.column_int(8) != 0;
  return e;
}

std::vector<OutboxEntry> read_all(sqlite::Statement& st) {
  std::vector<OutboxEntry> out;
  while (st.step()) out.push_back(read_entry(st));
  return out;
}

}  // namespace

std::int64_t Outbox::append(const OutboxEntry& entry) {
  db_.prepare(
         "INSERT INTO outbox (client_id, op, args, tag, principal_id, held) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, entry.client_id)
      .bind(2, entry.op)
      .bind(3, entry.args_json)
      .bind(4, static_cast<std::int64_t>(entry.tag))
      .bind(5, entry.principal_id)
      .bind(6, static_cast<std::int64_t>(entry.held ? 1 : 0))
      .run();
  return db_.last_insert_rowid();
}

bool Outbox::remove(const std::string& client_id) {
  db_.prepare("DELETE FROM outbox WHERE client_id = ?").bind(1, client_id).run();
  return db_.changes() > 0;
}

std::optional<OutboxEntry> Outbox::find(const std::string& client_id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE client_id = ?");
  st.bind(1, client_id);
  if (!st.step()) return std::nullopt;
  return read_entry(st);
}

std::vector<OutboxEntry> Outbox::queued_after(std::int64_t position, std::size_t limit) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM outbox WHERE position > ? AND failed_code IS NULL AND held = 0 "
                        "ORDER BY position LIMIT ?");
  st.bind(1, position).bind(2, static_cast<std::int64_t>(limit));
  return read_all(st);
}

std::vector<OutboxEntry> Outbox::queued() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM outbox WHERE failed_code IS NULL ORDER BY position");
  return read_all(st);
}

std::size_t Outbox::size() {
  auto st = db_.prepare("SELECT count(*) FROM outbox WHERE failed_code IS NULL");
  st.step();
  return static_cast<std::size_t>(st.column_int(0));
}

void Outbox::mark_failed(const std::string& client_id, const std::string& code,
                         const std::string& message) {
  db_.prepare("UPDATE outbox SET failed_code = ?, failed_message = ? WHERE client_id = ?")
      .bind(1, code)
      .bind(2, message)
      .bind(3, client_id)
      .run();
}

bool Outbox::requeue(const std::string& client_id) {
  auto entry = find(client_id);
  if (!entry || !entry->failed()) return false;
  remove(client_id);
  entry->failed_code.clear();
  append(*entry);
  return true;
}

bool Outbox::release(const std::string& client_id, const std::string& args_json) {
  auto entry = find(client_id);
  if (!entry || !entry->held) return false;
  remove(client_id);
  entry->held = false;
  entry->args_json = args_json;
  append(*entry);
  return true;
}

}  // namespace parley::store
