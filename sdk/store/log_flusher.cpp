#include "store/log_flusher.hpp"

#include <sqlite3.h>

#include <utility>

namespace parley::store {
namespace {

sqlite::Database open_own(const std::string& path) {
  sqlite::Database db(path);
  // A read opens the connection's handle on the log, which sync_log() flushes.
  db.exec("SELECT count(*) FROM sqlite_master");
  return db;
}

}  // namespace

LogFlusher::LogFlusher(sqlite::Database& writer, const std::string& path, ErrorSink on_error)
    : writer_(writer), own_(open_own(path)), on_error_(std::move(on_error)) {
  thread_ = std::thread([this] { run(); });
  // Replaces the writer's automatic checkpoint (itself a commit hook): from now on a long log
  // is checkpointed here. Set once nothing can fail any more, so that no hook outlives us.
  sqlite3_wal_hook(writer_.handle(), &LogFlusher::on_commit, this);
}

LogFlusher::~LogFlusher() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  asked_.notify_one();
  thread_.join();
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
  // A failure is reported and not retried on its own: the next ask covers the same commits.
  if (sync) {
    try {
      own_.sync_log();
    } catch (const std::exception& e) {
      report(std::string("could not flush new writes to the disk: ") + e.what());
    }
  }
  if (checkpoint) {
    // PASSIVE: copies what no reader still needs, and never waits for (or blocks) the writer.
    const int rc = sqlite3_wal_checkpoint_v2(own_.handle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                             nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      report(std::string("could not checkpoint the store's log: ") + sqlite3_errmsg(own_.handle()));
    }
  }
}

void LogFlusher::report(const std::string& message) {
  try {
    if (on_error_) on_error_(message);
  } catch (...) {
    // Nothing is left to tell: a failing sink must not end the process from this thread.
  }
}

}  // namespace parley::store
