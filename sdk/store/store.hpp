#pragma once
// The client's local SQLite store: cursors, outbox and cached view, in one database so that a
// change and the cursor that records it commit together. Owned by the client's thread.
#include <cstdint>
#include <functional>
#include <string>

#include "sqlite/sqlite.hpp"
#include "store/article_cache.hpp"
#include "store/message_cache.hpp"
#include "store/meta.hpp"
#include "store/outbox.hpp"
#include "store/ticket_cache.hpp"

namespace parley::store {

// Where a server event stands relative to the last one applied.
enum class EventOrder {
  next,      // seq == last + 1: apply it
  old,       // seq <= last: already applied, ignore it
  gap,       // seq > last + 1: some were missed; reconnect and resume
};

class Store {
 public:
  // Opens (creating if needed) and migrates the store at `path`; empty = in memory only.
  // Throws sqlite::SqliteError or std::runtime_error if it cannot.
  explicit Store(const std::string& path);

  sqlite::Database& db() noexcept { return db_; }
  Meta& meta() noexcept { return meta_; }
  Outbox& outbox() noexcept { return outbox_; }
  MessageCache& messages() noexcept { return messages_; }
  TicketCache& tickets() noexcept { return tickets_; }
  ArticleCache& articles() noexcept { return articles_; }

  // Runs `change` and records `seq` as applied, in one transaction, if seq is the next one.
  // If `change` throws, nothing is recorded and the exception propagates.
  EventOrder apply_event(std::int64_t seq, const std::function<void()>& change);

  // For a server that cannot replay: forgets the cached view (the outbox, pending messages and
  // FAQ articles and version stay) and continues from `latest_seq`.
  void reset_view(std::int64_t latest_seq);

  // Runs `work` in one transaction.
  void transaction(const std::function<void()>& work);

 private:
  sqlite::Database db_;
  Meta meta_{db_};
  Outbox outbox_{db_};
  MessageCache messages_{db_};
  TicketCache tickets_{db_};
  ArticleCache articles_{db_};
};

}  // namespace parley::store
