#include "store/outbox.hpp"

namespace parley::store {
namespace {

constexpr const char* kColumns = "client_id, op, args, tag";

OutboxEntry read_entry(const sqlite::Statement& st) {
  // Tags are the app's 64-bit values, stored bit for bit in SQLite's signed integer.
  return OutboxEntry{st.column_text(0), st.column_text(1), st.column_text(2),
                     static_cast<std::uint64_t>(st.column_int(3))};
}

}  // namespace

void Outbox::append(const OutboxEntry& entry) {
  db_.prepare("INSERT INTO outbox (client_id, op, args, tag) VALUES (?, ?, ?, ?)")
      .bind(1, entry.client_id)
      .bind(2, entry.op)
      .bind(3, entry.args_json)
      .bind(4, static_cast<std::int64_t>(entry.tag))
      .run();
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

std::vector<OutboxEntry> Outbox::entries() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM outbox ORDER BY position");
  std::vector<OutboxEntry> out;
  while (st.step()) out.push_back(read_entry(st));
  return out;
}

std::size_t Outbox::size() {
  auto st = db_.prepare("SELECT count(*) FROM outbox");
  st.step();
  return static_cast<std::size_t>(st.column_int(0));
}

void Outbox::clear() { db_.exec("DELETE FROM outbox"); }

}  // namespace parley::store
