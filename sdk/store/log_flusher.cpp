#include "store/log_flusher.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

namespace parley::store {
namespace {

std::int64_t synchronous_of(sqlite::Database& db) {
  auto query = db.prepare("PRAGMA synchronous");
  query.step();
  return query.column_int(0);
}

sqlite::Database open_own(const std::string& path) {
  sqlite::Database db(path);
  // Set, not left to SQLite's build-time default: the writer's OFF is safe only because these
  // checkpoints flush the log before copying it and the database file after.
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA fullfsync = ON");  // its checkpoints' flushes reach the medium (Store::open)
  // A read opens the connection's handle on the log, which sync_log() flushes.
  db.exec("SELECT count(*) FROM sqlite_master");
  return db;
}

}  // namespace

LogFlusher::LogFlusher(sqlite::Database& writer, const std::string& path, HealthSink on_health)
    : writer_(writer),
      writer_synchronous_(synchronous_of(writer)),
      own_(open_own(path)),
      on_health_(std::move(on_health)) {
  thread_ = std::thread([this] { run(); });
  // From here on nothing can fail, so that neither the hook nor the level outlives us.
  // The hook replaces the writer's automatic checkpoint (itself a commit hook): a long log is
  // checkpointed here. OFF: the writer's commits never flush (a WAL commit at NORMAL does not
  // either, but its first frame after the log starts over flushes the new header).
  sqlite3_wal_hook(writer_.handle(), &LogFlusher::on_commit, this);
  sqlite3_exec(writer_.handle(), "PRAGMA synchronous = OFF", nullptr, nullptr, nullptr);
}

LogFlusher::~LogFlusher() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  asked_.notify_one();
  thread_.join();
  const std::string level = "PRAGMA synchronous = " + std::to_string(writer_synchronous_);
  sqlite3_exec(writer_.handle(), level.c_str(), nullptr, nullptr, nullptr);
  sqlite3_wal_autocheckpoint(writer_.handle(), kCheckpointPages);
}

void LogFlusher::sync_soon() {
  {
    const std::lock_guard lock(mutex_);
    sync_asked_ = true;
  }
  asked_.notify_one();
}

void LogFlusher::checkpoint_soon() {
  {
    const std::lock_guard lock(mutex_);
    checkpoint_asked_ = true;
  }
  asked_.notify_one();
}

void LogFlusher::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return !working_ && !sync_asked_ && !checkpoint_asked_; });
}

// On the writer's thread, after each commit, with the log's length.
int LogFlusher::on_commit(void* self, sqlite3*, const char*, int log_pages) {
  if (log_pages >= kCheckpointPages) static_cast<LogFlusher*>(self)->checkpoint_soon();
  return SQLITE_OK;
}

void LogFlusher::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    asked_.wait(lock, [this] { return stopping_ || sync_asked_ || checkpoint_asked_; });
    if (!sync_asked_ && !checkpoint_asked_) return;  // stopping, and nothing left to do
    const bool sync = std::exchange(sync_asked_, false);
    const bool checkpoint = std::exchange(checkpoint_asked_, false);
    working_ = true;
    lock.unlock();
    flush(sync, checkpoint);
    lock.lock();
    working_ = false;
    idle_.notify_all();
  }
}

void LogFlusher::flush(bool sync, bool checkpoint) {
  // A failure is not retried on its own: the next ask flushes again (which, after an I/O
  // error, may not bring back what the kernel could not write — hence telling the owner).
  if (sync) {
    try {
      own_.sync_log();
      sync_failure_.reset();
    } catch (const std::exception& e) {
      sync_failure_ = std::string("could not flush new writes to the disk: ") + e.what();
    }
  }
  if (checkpoint) {
    // PASSIVE: copies what no reader still needs, and never waits for (or blocks) the writer.
    const int rc = sqlite3_wal_checkpoint_v2(own_.handle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                             nullptr, nullptr);
    if (rc == SQLITE_OK) {
      checkpoint_failure_.reset();
    } else if (rc != SQLITE_BUSY) {
      checkpoint_failure_ =
          std::string("could not checkpoint the store's log: ") + sqlite3_errmsg(own_.handle());
    }
  }
  const auto& failure = sync_failure_ ? sync_failure_ : checkpoint_failure_;
  if (failure.has_value() != told_failing_) {
    told_failing_ = failure.has_value();
    report(failure);
  }
}

void LogFlusher::report(const std::optional<std::string>& failure) {
  try {
    if (on_health_) on_health_(failure);
  } catch (...) {
    // Nothing is left to tell: a failing sink must not end the process from this thread.
  }
}

}  // namespace parley::store
