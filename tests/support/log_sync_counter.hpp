#pragma once
// Counts the syncs of SQLite write-ahead logs opened in this process while it lives: it
// installs, as the default VFS, one that wraps the platform's own (the files stay real) and
// counts xSync on WAL files. Only one may live at a time.
#include <sqlite3.h>

#include <atomic>

namespace parley::test {

class LogSyncCounter {
 public:
  LogSyncCounter() {
    platform_vfs() = sqlite3_vfs_find(nullptr);
    vfs_ = *platform_vfs();
    vfs_.zName = "parley-log-sync-counter";
    vfs_.xOpen = &open;
    syncs() = 0;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~LogSyncCounter() { sqlite3_vfs_unregister(&vfs_); }
  LogSyncCounter(const LogSyncCounter&) = delete;
  LogSyncCounter& operator=(const LogSyncCounter&) = delete;

  int count() const { return syncs().load(); }

 private:
  static std::atomic<int>& syncs() {
    static std::atomic<int> n{0};
    return n;
  }
  static sqlite3_vfs*& platform_vfs() {
    static sqlite3_vfs* vfs = nullptr;
    return vfs;
  }
  // The platform's methods for an open WAL file, and the same with xSync counted. Every WAL
  // file of a platform VFS shares one method table, so one copy serves them all.
  static const sqlite3_io_methods*& platform_methods() {
    static const sqlite3_io_methods* methods = nullptr;
    return methods;
  }
  static sqlite3_io_methods& counting_methods() {
    static sqlite3_io_methods methods{};
    return methods;
  }

  static int sync(sqlite3_file* file, int flags) {
    ++syncs();
    return platform_methods()->xSync(file, flags);
  }
  static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
    sqlite3_vfs* platform = platform_vfs();
    const int rc = platform->xOpen(platform, name, file, flags, out);
    if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) != 0 && file->pMethods != nullptr) {
      if (platform_methods() == nullptr) {
        platform_methods() = file->pMethods;
        counting_methods() = *file->pMethods;
        counting_methods().xSync = &sync;
      }
      file->pMethods = &counting_methods();
    }
    return rc;
  }

  sqlite3_vfs vfs_{};
};

}  // namespace parley::test
