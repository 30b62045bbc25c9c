#include "store/store.hpp"

#include <utility>

#include "store/message_order.hpp"
#include "store/schema.hpp"

namespace parley::store {

bool in_memory(const std::string& store_path) { return store_path.empty() || store_path == ":memory:"; }

namespace {

sqlite::Database open(const std::string& path) {
  const bool in_memory = store::in_memory(path);
  sqlite::Database db(in_memory ? ":memory:" : path);
  // WAL: a commit is one append, and readers never block the writer. A commit survives the
  // app being killed at once, and a power loss may take back the last few — which for
  // everything but new writes is harmless, since the server replays events from the seq
  // stored with them. The LogFlusher flushes new writes (sync_soon) as soon as they are
  // committed, and makes every other flush of this connection (checkpoints) on its thread.
  if (!in_memory) {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    // Every flush reaches the medium: on Apple platforms a plain fsync stops at the drive's
    // cache (F_FULLFSYNC goes further); elsewhere this changes nothing. The flusher does the
    // same on its connection; here it serves the store's last close.
    db.exec("PRAGMA fullfsync = ON");
    // Temporary files (statement journals, sorts) in memory: phones often have no usable
    // temporary directory for SQLite, and these only ever hold a transaction's undo data.
    db.exec("PRAGMA temp_store = MEMORY");
  }
  migrate(db);
  return db;
}

}  // namespace

Store::Store(const std::string& path, LogFlusher::HealthSink on_disk_health) : db_(open(path)) {
  if (!in_memory(path)) flusher_ = std::make_unique<LogFlusher>(db_, path, std::move(on_disk_health));
}

void Store::transaction(const std::function<void()>& work) {
  sqlite::Transaction tx(db_);
  work();
  tx.commit();
}

void Store::sync_soon() {
  if (flusher_) flusher_->sync_soon();
}

void Store::wait_for_syncs() {
  if (flusher_) flusher_->wait_idle();
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
    conversations_.clear();
    receipts_.clear();
    tickets_.clear();
    meta_.set_last_seq(latest_seq);
    // The FAQ version is kept: the catalogue is not part of the user's history, and the client
    // goes on following its changes. A server whose catalogue went back answers the next sync
    // in full, which replaces what is stored.
  });
}

}  // namespace parley::store

namespace parley::store {
namespace {

// The receipt in which the other side reports on this principal's messages, and the one in
// which this principal's side reports on the other's.
const Receipt& their_receipt(const Conversation& c, Side me) {
  return me == Side::user ? c.agent_receipt : c.user_receipt;
}
const Receipt& my_receipt(const Conversation& c, Side me) {
  return me == Side::user ? c.user_receipt : c.agent_receipt;
}

}  // namespace

Stored Store::store_message(const Message& message) {
  const Stored stored = messages_.store(message);
  // Also for the client's own message replacing its pending row: its conversation may be new.
  if (stored != Stored::unchanged) conversations_.touch(message);
  return stored;
}

std::vector<std::string> Store::other_side_kinds() {
  return side_of(meta_.principal()) == Side::user ? std::vector<std::string>{"agent", "bot"}
                                                   : std::vector<std::string>{"user"};
}

void Store::add_delivery_states(std::vector<Message>& messages) {
  const Author me = meta_.principal();
  std::optional<Conversation> conversation;
  for (auto& m : messages) {
    if (m.id.empty() || m.author.id != me.id || m.author.kind != me.kind) continue;
    if (!conversation || conversation->id != m.conversation_id) {
      conversation = conversations_.find(m.conversation_id);
    }
    if (!conversation) continue;
    const Receipt& theirs = their_receipt(*conversation, side_of(me));
    const std::int64_t number = message_number(m.id);
    if (number <= message_number(theirs.read_up_to)) {
      m.state = DeliveryState::read;
    } else if (number <= message_number(theirs.delivered_up_to)) {
      m.state = DeliveryState::delivered;
    }
  }
}

std::vector<Message> Store::messages_of(const std::string& conversation_id) {
  auto messages = messages_.conversation(conversation_id);
  add_delivery_states(messages);
  return messages;
}

void Store::count_unread(Conversation& c) {
  // A read receipt the server has not acknowledged yet counts already.
  const std::int64_t read = std::max(
      message_number(my_receipt(c, side_of(meta_.principal())).read_up_to), receipts_.read_owed(c.id));
  c.unread_count = messages_.count_after(c.id, other_side_kinds(), read);
}

std::vector<Conversation> Store::conversations_with_unread() {
  auto list = conversations_.all();
  for (auto& c : list) count_unread(c);
  return list;
}

std::optional<Conversation> Store::conversation_with_unread(const std::string& id) {
  auto c = conversations_.find(id);
  if (c) count_unread(*c);
  return c;
}

}  // namespace parley::store
