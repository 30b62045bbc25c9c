// LogFlusher: a store's flushes and checkpoints run on a thread of their own, never in the
// writer's way; asks made during a flush are served by one more; what was asked for is done
// before the store closes.
#include <gtest/gtest.h>

#include "../support/log_sync_probe.hpp"
#include "../support/wait.hpp"

#include <optional>
#include "sdk_temp_dir.hpp"
#include "store/log_flusher.hpp"
#include "store/store.hpp"

namespace parley::test {
namespace {

void add_filler(store::Store& store, int rows, int bytes) {
  for (int i = 0; i < rows; ++i) {
    store.transaction([&] {
      auto insert = store.db().prepare("INSERT INTO filler (data) VALUES (zeroblob(?))");
      insert.bind(1, bytes);
      insert.step();
    });
  }
}

TEST(LogFlusher, AsksMadeDuringAFlushAreServedByOneMoreFlush) {
  SdkTempDir dir;
  LogSyncProbe disk;
  store::Store store(dir.file("store.db"));
  store.db().exec("CREATE TABLE filler (data BLOB)");
  store.wait_for_syncs();
  const int before = disk.count();

  disk.hold();
  AppThread writer(disk, [&] {
    add_filler(store, 1, 100);
    store.sync_soon();
    EXPECT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // that flush, held
    for (int i = 0; i < 5; ++i) {
      add_filler(store, 1, 100);  // commits while the flush is held
      store.sync_soon();
    }
  });
  ASSERT_TRUE(writer.returned_within(std::chrono::seconds(10)));
  EXPECT_EQ(disk.waiting(), 1);
  EXPECT_EQ(disk.count(), before);
  disk.release();
  store.wait_for_syncs();
  EXPECT_EQ(disk.count(), before + 2);
}

TEST(LogFlusher, WhatWasAskedForIsOnTheDiskWhenTheStoreCloses) {
  SdkTempDir dir;
  LogSyncProbe disk;
  const std::string path = dir.file("store.db");
  // Another connection stays open, so closing the store is not the log's last close (which
  // would checkpoint, and flush the log by itself).
  std::optional<store::Store> store;
  store.emplace(path);
  store->db().exec("CREATE TABLE filler (data BLOB)");
  store->wait_for_syncs();
  sqlite::Database other(path);
  other.exec("SELECT count(*) FROM filler");
  const int before = disk.count();

  disk.hold();
  add_filler(*store, 1, 100);
  store->sync_soon();
  ASSERT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // under way, and held
  add_filler(*store, 1, 100);
  store->sync_soon();  // asked while it is held: not yet begun when the store starts closing
  AppThread closing(disk, [&] { store.reset(); });
  EXPECT_FALSE(closing.returned_within(std::chrono::seconds(0)));
  disk.release();
  ASSERT_TRUE(closing.returned_within(std::chrono::seconds(10)));
  EXPECT_EQ(disk.count(), before + 2);
}

TEST(LogFlusher, TheLogIsCheckpointedBesideTheWriterNotInItsCommits) {
  SdkTempDir dir;
  LogSyncProbe disk;
  store::Store store(dir.file("store.db"));
  store.db().exec("CREATE TABLE filler (data BLOB)");
  store.wait_for_syncs();
  const int database_syncs = disk.database_syncs();

  disk.hold();
  // Past the length at which a commit asks for a checkpoint: SQLite's own checkpoint would
  // run inside the writer's commit and wait for the held disk there.
  const int rows = store::LogFlusher::kCheckpointPages / 2;
  AppThread writer(disk, [&] { add_filler(store, rows, 3 * 4096); });
  ASSERT_TRUE(writer.returned_within(std::chrono::seconds(30)));
  EXPECT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // the checkpoint, held
  EXPECT_EQ(disk.database_syncs(), database_syncs);
  disk.release();
  store.wait_for_syncs();
  EXPECT_GT(disk.database_syncs(), database_syncs);  // the checkpoint completed
}

// The writer gets its own flushes back when the flusher goes: closing the store, the last
// connection checkpoints the log into the database file and flushes both, as SQLite does.
TEST(LogFlusher, TheStoresLastCloseFlushesWhatItCheckpoints) {
  SdkTempDir dir;
  LogSyncProbe disk;
  std::optional<store::Store> store;
  store.emplace(dir.file("store.db"));
  store->db().exec("CREATE TABLE filler (data BLOB)");
  add_filler(*store, 3, 100);
  store->wait_for_syncs();
  const int database_syncs = disk.database_syncs();
  store.reset();
  EXPECT_GT(disk.database_syncs(), database_syncs);
}

// Nor does the writer flush the log's new header when the log starts over: after a
// checkpoint, and at the first commit after the store is opened again.
TEST(LogFlusher, TheWriterNeverWaitsForTheDiskWhenItsLogStartsOver) {
  SdkTempDir dir;
  LogSyncProbe disk;
  const std::string path = dir.file("store.db");
  {
    store::Store store(path);
    store.db().exec("CREATE TABLE filler (data BLOB)");
    add_filler(store, store::LogFlusher::kCheckpointPages / 2, 3 * 4096);  // a checkpoint
    store.wait_for_syncs();

    disk.hold();
    AppThread after_checkpoint(disk, [&] { add_filler(store, 2, 100); });
    EXPECT_TRUE(after_checkpoint.returned_within(std::chrono::seconds(10)));
  }  // the last close: the log is checkpointed and deleted
  store::Store store(path);
  disk.hold();
  AppThread after_opening(disk, [&] { add_filler(store, 2, 100); });
  EXPECT_TRUE(after_opening.returned_within(std::chrono::seconds(10)));
}

}  // namespace
}  // namespace parley::test
