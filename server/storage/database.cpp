#include "storage/database.hpp"

#include <stdexcept>

#include "storage/schema.hpp"

namespace parley::server {

sqlite::Database open_database(const std::string& path) {
  sqlite::Database db(path);
  {
    auto mode = db.prepare("PRAGMA journal_mode = WAL");
    mode.step();
    // An in-memory database answers "memory"; only a file can be in WAL mode.
    if (path != ":memory:" && mode.column_text(0) != "wal") {
      throw std::runtime_error("cannot switch '" + path + "' to WAL mode");
    }
  }
  // FULL: each commit flushes the log before the batch is answered. fullfsync: that flush
  // reaches the medium on Apple platforms too, where a plain fsync stops at the drive's cache
  // (elsewhere it changes nothing).
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA fullfsync = ON");
  // A batch of requests is one transaction, with statements (and, run again after a failure,
  // requests) in savepoints, so the statement journal grows with the batch; on disk (SQLite's
  // default past 64 KiB) it cost a write per page changed. It is undo data for a transaction
  // in progress: memory is the right place.
  db.exec("PRAGMA temp_store = MEMORY");
  // Foreign keys are enforced from after the migrations: one that rebuilds a table drops the
  // old one while other tables still refer to it (and then to its replacement).
  migrate(db);
  db.exec("PRAGMA foreign_keys = ON");
  return db;
}

std::string server_id(sqlite::Database& db) {
  auto st = db.prepare("SELECT value FROM server_meta WHERE key = 'server_id'");
  if (!st.step()) throw std::runtime_error("the database has no server_id");
  return st.column_text(0);
}

}  // namespace parley::server
