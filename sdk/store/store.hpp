#pragma once
// The client's local SQLite store: cursors, outbox and cached view, in one database so that a
// change and the cursor that records it commit together. Owned by the client's thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"
#include "store/article_cache.hpp"
#include "store/conversation_cache.hpp"
#include "store/log_flusher.hpp"
#include "store/message_cache.hpp"
#include "store/meta.hpp"
#include "store/outbox.hpp"
#include "store/receipt_queue.hpp"
#include "store/ticket_cache.hpp"
#include "store/upload_queue.hpp"

namespace parley::store {

// Whether a Config::store_path means a store in memory ("" or ":memory:") rather than a file.
bool in_memory(const std::string& store_path);

// Where a server event stands relative to the last one applied.
enum class EventOrder {
  next,      // seq == last + 1: apply it
  old,       // seq <= last: already applied, ignore it
  gap,       // seq > last + 1: some were missed; reconnect and resume
};

class Store {
 public:
  // Opens (creating if needed) and migrates the store at `path`; empty = in memory only.
  // Throws sqlite::SqliteError or std::runtime_error if it cannot. `on_disk_health` hears, on
  // the flusher's thread, when flushing to the disk starts to fail and when it works again
  // (see LogFlusher).
  explicit Store(const std::string& path, LogFlusher::HealthSink on_disk_health = {});

  sqlite::Database& db() noexcept { return db_; }
  Meta& meta() noexcept { return meta_; }
  Outbox& outbox() noexcept { return outbox_; }
  MessageCache& messages() noexcept { return messages_; }
  ConversationCache& conversations() noexcept { return conversations_; }
  ReceiptQueue& receipts() noexcept { return receipts_; }
  TicketCache& tickets() noexcept { return tickets_; }
  UploadQueue& uploads() noexcept { return uploads_; }
  ArticleCache& articles() noexcept { return articles_; }

  // --- Views that combine the caches, as the principal of the store sees them ----------
  // Stores the server's copy of a message and notes its conversation's activity.
  Stored store_message(const Message& message);
  // A conversation's messages, oldest first, the principal's own ones with their delivery
  // state from the other side's receipts.
  std::vector<Message> messages_of(const std::string& conversation_id);
  // Gives messages of a page (or any list) their delivery state, as messages_of() does.
  void add_delivery_states(std::vector<Message>& messages);
  // Conversations, most recently active first, with the principal's unread counts.
  std::vector<Conversation> conversations_with_unread();
  std::optional<Conversation> conversation_with_unread(const std::string& id);
  // The author kinds of the other side of a conversation, for the store's principal.
  std::vector<std::string> other_side_kinds();

  // Runs `change` and records `seq` as applied, in one transaction, if seq is the next one.
  // If `change` throws, nothing is recorded and the exception propagates.
  EventOrder apply_event(std::int64_t seq, const std::function<void()>& change);

  // For a server that cannot replay: forgets the cached view (the outbox, pending messages and
  // FAQ articles and version stay) and continues from `latest_seq`.
  void reset_view(std::int64_t latest_seq);

  // Runs `work` in one transaction.
  void transaction(const std::function<void()>& work);
  // Makes every transaction committed so far durable against a power loss (each is safe
  // against the app being killed from its commit on), soon and on the flusher's thread: for
  // what the device alone has (a new write in the outbox), where the server cannot fill in a
  // loss. The caller does not wait for the disk.
  void sync_soon();
  // Waits until every flush asked for so far is done.
  void wait_for_syncs();

 private:
  void count_unread(Conversation& conversation);

  sqlite::Database db_;
  Meta meta_{db_};
  Outbox outbox_{db_};
  MessageCache messages_{db_};
  ConversationCache conversations_{db_};
  ReceiptQueue receipts_{db_};
  TicketCache tickets_{db_};
  UploadQueue uploads_{db_};
  ArticleCache articles_{db_};
  std::unique_ptr<LogFlusher> flusher_;  // none in memory; after db_: it closes first
};

}  // namespace parley::store
