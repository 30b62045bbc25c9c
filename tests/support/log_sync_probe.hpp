#pragma once
// Watches the syncs of SQLite files opened in this process while it lives, and can hold or
// slow them: it installs, as the default VFS, one that wraps the platform's own (the files stay
// real), counts xSync on write-ahead logs and on main database files, and, while hold() is in
// effect, keeps every such xSync waiting until release() — a disk that takes as long as a test
// wants; slow_down() adds a fixed time to each (a slower disk, for the chat benchmark);
// fail() makes those of logs or of databases fail with an I/O error, as a failing disk does.
// Only one may live at a time.
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace parley::test {

class LogSyncProbe {
 public:
  enum class Failing { none, logs, databases };

  LogSyncProbe() {
    State& s = state();
    const std::lock_guard lock(s.mutex);
    s.held = false;
    s.log_fails = s.db_fails = false;
    s.extra = {};
    s.log_syncs = s.db_syncs = s.waiting = 0;
    s.log_sync_kind = s.db_sync_kind = 0;
    s.log = {};
    s.db = {};
    s.platform_vfs = sqlite3_vfs_find(nullptr);
    vfs_ = *s.platform_vfs;
    vfs_.zName = "parley-log-sync-probe";
    vfs_.xOpen = &open;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~LogSyncProbe() {
    release();
    sqlite3_vfs_unregister(&vfs_);
  }
  LogSyncProbe(const LogSyncProbe&) = delete;
  LogSyncProbe& operator=(const LogSyncProbe&) = delete;

  int count() const { return read(&State::log_syncs); }             // of write-ahead logs, done
  int database_syncs() const { return read(&State::db_syncs); }     // of database files, done
  int waiting() const { return read(&State::waiting); }             // held right now
  // How forceful the last sync of a log, or of a database, was asked to be: SQLITE_SYNC_NORMAL,
  // or SQLITE_SYNC_FULL (on Apple platforms the one that reaches the medium); 0 before any.
  int last_log_sync_kind() const { return read(&State::log_sync_kind); }
  int last_database_sync_kind() const { return read(&State::db_sync_kind); }

  void hold() {
    const std::lock_guard lock(state().mutex);
    state().held = true;
  }
  void slow_down(std::chrono::microseconds extra) {
    const std::lock_guard lock(state().mutex);
    state().extra = extra;
  }
  // From now on the syncs of these files fail (SQLITE_IOERR_FSYNC) and reach nothing; `none`
  // brings the disk back. A failed sync is not counted as done.
  void fail(Failing files) {
    const std::lock_guard lock(state().mutex);
    state().log_fails = files == Failing::logs;
    state().db_fails = files == Failing::databases;
  }
  void release() {
    State& s = state();
    {
      const std::lock_guard lock(s.mutex);
      s.held = false;
    }
    s.released.notify_all();
  }

 private:
  struct Kind {
    const sqlite3_io_methods* platform = nullptr;
    sqlite3_io_methods probed{};
  };
  struct State {
    std::mutex mutex;
    std::condition_variable released;
    bool held = false;
    std::chrono::microseconds extra{};
    bool log_fails = false;
    bool db_fails = false;
    int log_syncs = 0;
    int db_syncs = 0;
    int log_sync_kind = 0;
    int db_sync_kind = 0;
    int waiting = 0;
    sqlite3_vfs* platform_vfs = nullptr;
    // The platform's methods for each kind of file, and the same with xSync probed. Every file
    // of a kind shares one method table, so one copy serves them all.
    Kind log;
    Kind db;
  };

  static State& state() {
    static State s;
    return s;
  }
  static int read(int State::*field) {
    const std::lock_guard lock(state().mutex);
    return state().*field;
  }

  template <Kind State::*kind, int State::*counter, bool State::*fails, int State::*sync_kind>
  static int sync(sqlite3_file* file, int flags) {
    State& s = state();
    std::chrono::microseconds extra;
    {
      std::unique_lock lock(s.mutex);
      s.*sync_kind = flags & 0x0F;  // the low bits: NORMAL or FULL (SQLITE_SYNC_DATAONLY apart)
      ++s.waiting;
      s.released.wait(lock, [&] { return !s.held; });
      --s.waiting;
      if (s.*fails) return SQLITE_IOERR_FSYNC;
      extra = s.extra;
    }
    if (extra.count() > 0) std::this_thread::sleep_for(extra);
    const int rc = (s.*kind).platform->xSync(file, flags);
    const std::lock_guard lock(s.mutex);
    ++(s.*counter);
    return rc;
  }
  template <Kind State::*kind, int State::*counter, bool State::*fails, int State::*sync_kind>
  static void probe(sqlite3_file* file) {
    State& s = state();
    const std::lock_guard lock(s.mutex);
    Kind& k = s.*kind;
    if (k.platform == nullptr) {
      k.platform = file->pMethods;
      k.probed = *file->pMethods;
      k.probed.xSync = &sync<kind, counter, fails, sync_kind>;
    }
    file->pMethods = &k.probed;
  }
  static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
    sqlite3_vfs* platform = state().platform_vfs;
    const int rc = platform->xOpen(platform, name, file, flags, out);
    if (rc != SQLITE_OK || file->pMethods == nullptr) return rc;
    if ((flags & SQLITE_OPEN_WAL) != 0) {
      probe<&State::log, &State::log_syncs, &State::log_fails, &State::log_sync_kind>(file);
    }
    if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
      probe<&State::db, &State::db_syncs, &State::db_fails, &State::db_sync_kind>(file);
    }
    return rc;
  }

  sqlite3_vfs vfs_{};
};

// Runs an app's calls on a thread of their own, so that a call stuck behind a held disk fails
// the test instead of hanging it: the disk is let go before that thread is joined.
class AppThread {
 public:
  AppThread(LogSyncProbe& disk, std::function<void()> calls)
      : disk_(disk), thread_([this, calls = std::move(calls)] {
          calls();
          returned_.set_value();
        }) {}
  ~AppThread() {
    disk_.release();
    thread_.join();
  }
  AppThread(const AppThread&) = delete;
  AppThread& operator=(const AppThread&) = delete;

  bool returned_within(std::chrono::seconds limit) {
    return done_.wait_for(limit) == std::future_status::ready;
  }

 private:
  LogSyncProbe& disk_;
  std::promise<void> returned_;
  std::future<void> done_ = returned_.get_future();
  std::thread thread_;
};

}  // namespace parley::test
