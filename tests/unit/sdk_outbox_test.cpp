// The outbox: send order, removal, and persistence (with the app's tags) across reopening.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "sdk_temp_dir.hpp"
#include "sqlite/sqlite.hpp"
#include "store/store.hpp"

namespace {

using parley::store::OutboxEntry;
using parley::store::Store;

OutboxEntry entry(const std::string& client_id, std::uint64_t tag = 0,
                  const std::string& op = "chat.send", const std::string& args = {}) {
  OutboxEntry e;
  e.client_id = client_id;
  e.op = op;
  e.args_json = args.empty() ? R"({"client_id":")" + client_id + R"("})" : args;
  e.tag = tag;
  e.principal_id = "u-1";
  return e;
}

std::vector<std::string> client_ids(Store& store) {
  std::vector<std::string> ids;
  for (const auto& e : store.outbox().queued()) ids.push_back(e.client_id);
  return ids;
}

TEST(SdkOutbox, KeepsTheOrderOfWriting) {
  Store store("");
  // Ids that sort differently from their order of writing.
  for (const char* id : {"zz", "aa", "mm", "bb"}) store.outbox().append(entry(id));
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"zz", "aa", "mm", "bb"}));
  EXPECT_EQ(store.outbox().size(), 4u);
}

TEST(SdkOutbox, RemovingFromTheMiddleKeepsTheRestInOrder) {
  Store store("");
  for (const char* id : {"a", "b", "c", "d"}) store.outbox().append(entry(id));
  EXPECT_TRUE(store.outbox().remove("b"));
  EXPECT_FALSE(store.outbox().remove("b"));
  store.outbox().append(entry("e"));
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"a", "c", "d", "e"}));
}

TEST(SdkOutbox, ADuplicateClientIdIsRefused) {
  Store store("");
  store.outbox().append(entry("same"));
  EXPECT_THROW(store.outbox().append(entry("same")), parley::sqlite::SqliteError);
  EXPECT_EQ(store.outbox().size(), 1u);
}

TEST(SdkOutbox, FindReturnsTheWholeEntry) {
  Store store("");
  store.outbox().append(entry("t1", 99, "ticket.create", R"({"subject":"Help"})"));
  const auto found = store.outbox().find("t1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->op, "ticket.create");
  EXPECT_EQ(found->args_json, R"({"subject":"Help"})");
  EXPECT_EQ(found->tag, 99u);
  EXPECT_EQ(found->principal_id, "u-1");
  EXPECT_FALSE(found->failed());
  EXPECT_FALSE(store.outbox().find("t2"));
}

TEST(SdkOutbox, SurvivesReopeningWithOrderAndFullWidthTags) {
  parley::test::SdkTempDir dir;
  const auto path = dir.file("client.db");
  constexpr auto kBigTag = std::numeric_limits<std::uint64_t>::max();
  {
    Store store(path);
    store.outbox().append(entry("first", kBigTag));
    store.outbox().append(entry("second", 1));
    store.outbox().append(entry("third", 0x8000000000000000ULL));
    store.outbox().remove("second");
  }
  Store store(path);
  const auto entries = store.outbox().queued();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].client_id, "first");
  EXPECT_EQ(entries[0].tag, kBigTag);
  EXPECT_EQ(entries[1].client_id, "third");
  EXPECT_EQ(entries[1].tag, 0x8000000000000000ULL);
  // New writes after reopening go after the old ones.
  store.outbox().append(entry("fourth"));
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"first", "third", "fourth"}));
}

TEST(SdkOutbox, QueuedAfterPagesThroughTheLineInOrder) {
  Store store("");
  std::vector<std::int64_t> positions;
  for (const char* id : {"a", "b", "c", "d", "e"}) positions.push_back(store.outbox().append(entry(id)));
  const auto first = store.outbox().queued_after(0, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].client_id, "a");
  EXPECT_EQ(first[1].position, positions[1]);
  const auto rest = store.outbox().queued_after(first[1].position, 10);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].client_id, "c");
  EXPECT_EQ(rest[2].client_id, "e");
}

std::vector<std::string> ready_ids(Store& store) {
  std::vector<std::string> ids;
  for (const auto& e : store.outbox().queued_after(0, 100)) ids.push_back(e.client_id);
  return ids;
}

TEST(SdkOutbox, AHeldEntryWaitsForItsFilesThenJoinsTheEndOfTheLineWithItsFinalArgs) {
  Store store("");
  OutboxEntry photo = entry("photo");
  photo.held = true;
  store.outbox().append(photo);
  store.outbox().append(entry("b"));
  EXPECT_EQ(ready_ids(store), (std::vector<std::string>{"b"}));  // later writes go on
  EXPECT_EQ(store.outbox().size(), 2u);                          // but it is still to send
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"photo", "b"}));
  EXPECT_FALSE(store.outbox().release("b", "{}"));  // not held

  // A held entry can fail (a file refused) and be requeued: it stays held.
  store.outbox().mark_failed("photo", "too_large", "the file is too large");
  EXPECT_TRUE(store.outbox().requeue("photo"));
  EXPECT_TRUE(store.outbox().find("photo")->held);
  EXPECT_EQ(ready_ids(store), (std::vector<std::string>{"b"}));

  store.outbox().append(entry("c"));
  EXPECT_TRUE(store.outbox().release("photo", R"({"attachments":["at-1"]})"));
  EXPECT_EQ(ready_ids(store), (std::vector<std::string>{"b", "c", "photo"}));
  const auto released = store.outbox().find("photo");
  ASSERT_TRUE(released);
  EXPECT_FALSE(released->held);
  EXPECT_EQ(released->args_json, R"({"attachments":["at-1"]})");
  EXPECT_FALSE(store.outbox().release("photo", "{}"));  // once
}

TEST(SdkOutbox, AFailedEntryLeavesTheLineUntilRequeuedAtItsEnd) {
  Store store("");
  for (const char* id : {"a", "b", "c"}) store.outbox().append(entry(id));
  store.outbox().mark_failed("a", "too_large", "frame too large");
  EXPECT_EQ(store.outbox().size(), 2u);
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"b", "c"}));
  const auto failed = store.outbox().find("a");
  ASSERT_TRUE(failed);
  EXPECT_TRUE(failed->failed());
  EXPECT_EQ(failed->failed_code, "too_large");

  EXPECT_FALSE(store.outbox().requeue("b"));  // not failed: stays where it is
  EXPECT_TRUE(store.outbox().requeue("a"));
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"b", "c", "a"}));
  EXPECT_FALSE(store.outbox().find("a")->failed());
  EXPECT_FALSE(store.outbox().requeue("zz"));
}

TEST(SdkOutbox, AnUncommittedAppendIsNotKept) {
  parley::test::SdkTempDir dir;
  const auto path = dir.file("client.db");
  {
    Store store(path);
    parley::sqlite::Transaction tx(store.db());
    store.outbox().append(entry("never"));
    // No commit: the transaction rolls back, as after a crash before it committed.
  }
  Store store(path);
  EXPECT_EQ(store.outbox().size(), 0u);
}

}  // namespace
