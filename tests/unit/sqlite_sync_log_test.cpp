// Database::sync_log: the write-ahead log reaches the disk when asked, and not before, whatever
// the `synchronous` of the commits.
#include <gtest/gtest.h>

#include "../support/log_sync_probe.hpp"
#include "sdk_temp_dir.hpp"
#include "sqlite/sqlite.hpp"

namespace {

using parley::sqlite::Database;

TEST(SqliteSyncLog, FlushesTheLogOfCommitsThatDidNotSync) {
  parley::test::SdkTempDir dir;
  parley::test::LogSyncProbe syncs;
  Database db(dir.file("store.db"));
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = OFF");  // no commit syncs by itself: only sync_log may
  db.exec("CREATE TABLE t (n INTEGER)");
  db.exec("INSERT INTO t VALUES (1)");
  const int before = syncs.count();
  db.exec("INSERT INTO t VALUES (2)");
  EXPECT_EQ(syncs.count(), before);
  db.sync_log();
  EXPECT_EQ(syncs.count(), before + 1);
}

TEST(SqliteSyncLog, IsHarmlessWithoutALogOnDisk) {
  Database memory(":memory:");
  memory.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);");
  EXPECT_NO_THROW(memory.sync_log());

  parley::test::SdkTempDir dir;
  Database fresh(dir.file("fresh.db"));  // rollback journal, nothing written yet
  EXPECT_NO_THROW(fresh.sync_log());
}

}  // namespace
