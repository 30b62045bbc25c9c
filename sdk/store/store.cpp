#include "store/store.hpp"

#include "store/schema.hpp"

namespace parley::store {
namespace {

sqlite::Database open(const std::string& path) {
  const bool in_memory = path.empty() || path == ":memory:";
  sqlite::Database db(in_memory ? ":memory:" : path);
  // WAL: a commit is one append, and readers never block the writer.
  if (!in_memory) db.exec("PRAGMA journal_mode = WAL");
  migrate(db);
  return db;
}

}  // namespace

Store::Store(const std::string& path) : db_(open(path)) {}

void Store::transaction(const std::function<void()>& work) {
  sqlite::Transaction tx(db_);
  work();
  tx.commit();
}

EventOrder Store::apply_event(std::int64_t seq, const std::function<void()>& change) {
  sqlite::Transaction tx(db_);
  const std::int64_t last = meta_.last_seq();
  if (seq <= last) return EventOrder::old;
  if (seq > last + 1) return EventOrder::gap;
  change();
  meta_.set_last_seq(seq);
  tx.commit();
  return EventOrder::next;
}

void Store::reset_view(std::int64_t latest_seq) {
  transaction([&] {
    messages_.clear_delivered();
    tickets_.clear();
    meta_.set_last_seq(latest_seq);
    // The FAQ version is kept: the catalogue is not part of the user's history, and the client
    // goes on following its changes. A server whose catalogue went back answers the next sync
    // in full, which replaces what is stored.
  });
}

}  // namespace parley::store
