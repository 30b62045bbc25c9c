#pragma once
// Makes a store's commits durable, and keeps its write-ahead log short, on a thread of its
// own. The store commits with synchronous=NORMAL: safe against the app being killed from the
// commit on, not against a power loss. What must survive a power loss (a new write) is
// flushed here; the log is copied into the database file (checkpointed) here too. The
// client's thread, and every app call that waits for it, never wait for the disk — on a
// phone's flash one flush takes milliseconds and a checkpoint tens of them.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "sqlite/sqlite.hpp"

namespace parley::store {

class LogFlusher {
 public:
  using ErrorSink = std::function<void(const std::string& message)>;

  // `writer`: the store's connection, on a file, in WAL mode. The flusher opens a connection
  // of its own to the same file (SQLite connections are not shared between threads; the log
  // is one file, so flushing it from either connection flushes every commit in it) and takes
  // over the writer's checkpoints: SQLite would otherwise run them inside the writer's commit.
  // `on_error` is called on the flusher's thread when a flush or checkpoint fails.
  LogFlusher(sqlite::Database& writer, const std::string& path, ErrorSink on_error);
  // Finishes what was asked for (a clean shutdown leaves everything on the disk), then stops
  // and gives the writer its own checkpoints back.
  ~LogFlusher();
  LogFlusher(const LogFlusher&) = delete;
  LogFlusher& operator=(const LogFlusher&) = delete;

  // Every transaction committed before this call reaches the disk soon; the caller does not
  // wait. Asks made while a flush runs are served by one more flush after it.
  void sync_soon();
  // Waits until everything asked for so far is done (tests; shutdown).
  void wait_idle();

  // The log's length, in pages, at which a commit asks for a checkpoint (SQLite's own
  // automatic checkpoint uses the same).
  static constexpr int kCheckpointPages = 1000;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int log_pages);
  void checkpoint_soon();
  void run();
  void flush(bool sync, bool checkpoint);
  void report(const std::string& message);

  sqlite::Database& writer_;
  sqlite::Database own_;
  ErrorSink on_error_;
  std::mutex mutex_;
  std::condition_variable asked_;
  std::condition_variable idle_;
  bool sync_asked_ = false;
  bool checkpoint_asked_ = false;
  bool working_ = false;
  bool stopping_ = false;
  std::thread thread_;  // started once the rest is ready
};

}  // namespace parley::store
