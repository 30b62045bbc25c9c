// LogFlusher: a store's flushes and checkpoints run on a thread of their own, never in the
// writer's way; asks made during a flush are served by one more; what was asked for is done
// before the store closes; a disk that fails them is told of, once, and so is its recovery.
#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "../support/log_sync_probe.hpp"
#include "../support/wait.hpp"
#include "sdk_temp_dir.hpp"
#include "store/log_flusher.hpp"
#include "store/store.hpp"

namespace parley::test {
namespace {

// A store on a disk the test watches (and may hold), with a table to fill, its flushes done.
class LogFlusherTest : public ::testing::Test {
 protected:
  void SetUp() override { open(); }

  void open() {
    store.emplace(path, [this](const std::optional<std::string>& failure) {
      const std::lock_guard lock(health_mutex_);
      health_.push_back(failure);
    });
    store->db().exec("CREATE TABLE IF NOT EXISTS filler (data BLOB)");
    store->wait_for_syncs();
  }
  // `rows` commits of a row of `bytes` bytes each.
  void add_filler(int rows, int bytes) {
    for (int i = 0; i < rows; ++i) {
      store->transaction([&] {
        auto insert = store->db().prepare("INSERT INTO filler (data) VALUES (zeroblob(?))");
        insert.bind(1, bytes);
        insert.step();
      });
    }
  }
  // Past the log's length at which a commit asks for a checkpoint.
  void fill_past_a_checkpoint() { add_filler(store::LogFlusher::kCheckpointPages / 2, 3 * 4096); }
  // One small write, flushed.
  void write_and_flush() {
    add_filler(1, 100);
    store->sync_soon();
    store->wait_for_syncs();
  }
  // What the store told of its disk, in order: a failure, or nullopt for "works again".
  std::vector<std::optional<std::string>> health() {
    const std::lock_guard lock(health_mutex_);
    return health_;
  }

  SdkTempDir dir;
  LogSyncProbe disk;
  const std::string path = dir.file("store.db");
  std::optional<store::Store> store;

 private:
  std::mutex health_mutex_;  // told on the flusher's thread
  std::vector<std::optional<std::string>> health_;
};

TEST_F(LogFlusherTest, AsksMadeDuringAFlushAreServedByOneMoreFlush) {
  const int before = disk.count();
  disk.hold();
  AppThread writer(disk, [&] {
    add_filler(1, 100);
    store->sync_soon();
    EXPECT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // that flush, held
    for (int i = 0; i < 5; ++i) {
      add_filler(1, 100);  // commits while the flush is held
      store->sync_soon();
    }
  });
  ASSERT_TRUE(writer.returned_within(std::chrono::seconds(10)));
  EXPECT_EQ(disk.waiting(), 1);
  EXPECT_EQ(disk.count(), before);
  disk.release();
  store->wait_for_syncs();
  EXPECT_EQ(disk.count(), before + 2);
}

TEST_F(LogFlusherTest, WhatWasAskedForIsOnTheDiskWhenTheStoreCloses) {
  // Another connection stays open, so closing the store is not the log's last close (which
  // would checkpoint, and flush the log by itself).
  sqlite::Database other(path);
  other.exec("SELECT count(*) FROM filler");
  const int before = disk.count();

  disk.hold();
  add_filler(1, 100);
  store->sync_soon();
  ASSERT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // under way, and held
  add_filler(1, 100);
  store->sync_soon();  // asked while it is held: not yet begun when the store starts closing
  AppThread closing(disk, [&] { store.reset(); });
  EXPECT_FALSE(closing.returned_within(std::chrono::seconds(0)));
  disk.release();
  ASSERT_TRUE(closing.returned_within(std::chrono::seconds(10)));
  EXPECT_EQ(disk.count(), before + 2);
}

TEST_F(LogFlusherTest, TheLogIsCheckpointedBesideTheWriterNotInItsCommits) {
  const int database_syncs = disk.database_syncs();
  disk.hold();
  // SQLite's own checkpoint would run inside the writer's commit and wait for the disk there.
  AppThread writer(disk, [&] { fill_past_a_checkpoint(); });
  ASSERT_TRUE(writer.returned_within(std::chrono::seconds(30)));
  EXPECT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // the checkpoint, held
  EXPECT_EQ(disk.database_syncs(), database_syncs);
  disk.release();
  store->wait_for_syncs();
  EXPECT_GT(disk.database_syncs(), database_syncs);  // the checkpoint completed
}

// The writer gets its own flushes back when the flusher goes: closing the store, the last
// connection checkpoints the log into the database file and flushes both, as SQLite does.
TEST_F(LogFlusherTest, TheStoresLastCloseFlushesWhatItCheckpoints) {
  add_filler(3, 100);
  store->wait_for_syncs();
  const int database_syncs = disk.database_syncs();
  store.reset();
  EXPECT_GT(disk.database_syncs(), database_syncs);
}

// Nor does the writer flush the log's new header when the log starts over: after a
// checkpoint, and at the first commit after the store is opened again.
TEST_F(LogFlusherTest, TheWriterNeverWaitsForTheDiskWhenItsLogStartsOver) {
  fill_past_a_checkpoint();
  store->wait_for_syncs();
  {
    disk.hold();
    AppThread after_checkpoint(disk, [&] { add_filler(2, 100); });
    EXPECT_TRUE(after_checkpoint.returned_within(std::chrono::seconds(10)));
  }
  store.reset();  // the last close: the log is checkpointed and deleted
  open();
  disk.hold();
  AppThread after_opening(disk, [&] { add_filler(2, 100); });
  EXPECT_TRUE(after_opening.returned_within(std::chrono::seconds(10)));
}

// A disk that fails every flush is told of once, with why, however many writes follow; the
// first good flush after it tells that the disk works again.
TEST_F(LogFlusherTest, AFailingDiskIsToldOfOnceAndSoIsItsRecovery) {
  disk.fail(LogSyncProbe::Failing::logs);
  for (int i = 0; i < 3; ++i) write_and_flush();
  auto told = health();
  ASSERT_EQ(told.size(), 1u);
  ASSERT_TRUE(told[0].has_value());
  EXPECT_NE(told[0]->find("could not flush new writes to the disk: sync: disk I/O error"),
            std::string::npos)
      << *told[0];

  disk.fail(LogSyncProbe::Failing::none);
  write_and_flush();
  write_and_flush();
  told = health();
  ASSERT_EQ(told.size(), 2u);
  EXPECT_FALSE(told[1].has_value());
}

// A checkpoint that fails (the database file refuses its flush) stays told while the log's
// own flushes succeed: the store is not healthy until a checkpoint succeeds too.
TEST_F(LogFlusherTest, AGoodFlushOfTheLogDoesNotHideAFailingCheckpoint) {
  disk.fail(LogSyncProbe::Failing::databases);
  fill_past_a_checkpoint();
  write_and_flush();
  auto told = health();
  ASSERT_EQ(told.size(), 1u);
  ASSERT_TRUE(told[0].has_value());
  EXPECT_NE(told[0]->find("could not checkpoint the store's log: disk I/O error"), std::string::npos)
      << *told[0];

  disk.fail(LogSyncProbe::Failing::none);
  write_and_flush();  // the log is still long, so this commit asks for a checkpoint again
  told = health();
  ASSERT_EQ(told.size(), 2u);
  EXPECT_FALSE(told[1].has_value());
}

// Every flush asks to reach the medium (SQLITE_SYNC_FULL: F_FULLFSYNC on Apple platforms,
// where a plain fsync stops at the drive's cache): a new write's, a checkpoint's, and the
// store's last close.
TEST_F(LogFlusherTest, EveryFlushAsksToReachTheMediumNotADrivesCache) {
  write_and_flush();
  EXPECT_EQ(disk.last_log_sync_kind(), SQLITE_SYNC_FULL);

  const int database_syncs = disk.database_syncs();
  fill_past_a_checkpoint();
  store->wait_for_syncs();
  ASSERT_GT(disk.database_syncs(), database_syncs);
  EXPECT_EQ(disk.last_database_sync_kind(), SQLITE_SYNC_FULL);

  write_and_flush();
  const int at_close = disk.database_syncs();
  store.reset();  // the writer's own last close: a checkpoint and its flushes
  ASSERT_GT(disk.database_syncs(), at_close);
  EXPECT_EQ(disk.last_database_sync_kind(), SQLITE_SYNC_FULL);
  EXPECT_EQ(disk.last_log_sync_kind(), SQLITE_SYNC_FULL);
}

}  // namespace
}  // namespace parley::test
