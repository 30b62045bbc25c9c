#pragma once
// Makes a store's commits durable, and keeps its write-ahead log short, on a thread of its
// own. A commit is safe against the app being killed from the moment it returns, not against
// a power loss. What must survive a power loss (a new write) is flushed here; the log is
// copied into the database file (checkpointed) here too. The client's thread, and every app
// call that waits for it, never wait for the disk — on a phone's flash one flush takes
// milliseconds and a checkpoint tens of them.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sqlite/sqlite.hpp"

namespace parley::store {

class LogFlusher {
 public:
  // Told on the flusher's thread when flushing starts to fail (`failure` says why) and when it
  // works again (nullopt): changes only, so a disk that fails every flush is told of once.
  // Failing means the last flush of the log, or the last checkpoint, failed; a good flush does
  // not clear a failing checkpoint (that disk still refuses the database file's writes).
  using HealthSink = std::function<void(const std::optional<std::string>& failure)>;

  // `writer`: the store's connection, on a file, in WAL mode. The flusher opens a connection
  // of its own to the same file (SQLite connections are not shared between threads; the log
  // is one file, so flushing it from either connection flushes every commit in it) and takes
  // over every flush the writer would make inside a commit: its checkpoints, and the flush of
  // the log's new header when the log starts over (after a checkpoint; at the first commit
  // after opening). The writer runs with synchronous=OFF meanwhile, which is safe only because
  // it no longer checkpoints: a checkpoint here flushes the log before copying it and the
  // database file before the writer may start the log over.
  LogFlusher(sqlite::Database& writer, const std::string& path, HealthSink on_health);
  // Finishes what was asked for (a clean shutdown leaves everything on the disk), then stops
  // and gives the writer its own flushes and checkpoints back (its closing checkpoint then
  // flushes as it should).
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
  void report(const std::optional<std::string>& failure);

  sqlite::Database& writer_;
  std::int64_t writer_synchronous_;  // the writer's own level, given back at the end
  sqlite::Database own_;
  HealthSink on_health_;
  // The flusher thread's own: what failed last, and whether failing was told.
  std::optional<std::string> sync_failure_;
  std::optional<std::string> checkpoint_failure_;
  bool told_failing_ = false;
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
