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

OutboxEntry entry(const std::string& client_id, std::uint64_t tag = 0) {
  return OutboxEntry{client_id, "chat.send", R"({"client_id":")" + client_id + R"("})", tag};
}

std::vector<std::string> client_ids(Store& store) {
  std::vector<std::string> ids;
  for (const auto& e : store.outbox().entries()) ids.push_back(e.client_id);
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
  store.outbox().append(OutboxEntry{"t1", "ticket.create", R"({"subject":"Help"})", 99});
  const auto found = store.outbox().find("t1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->op, "ticket.create");
  EXPECT_EQ(found->args_json, R"({"subject":"Help"})");
  EXPECT_EQ(found->tag, 99u);
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
  const auto entries = store.outbox().entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].client_id, "first");
  EXPECT_EQ(entries[0].tag, kBigTag);
  EXPECT_EQ(entries[1].client_id, "third");
  EXPECT_EQ(entries[1].tag, 0x8000000000000000ULL);
  // New writes after reopening go after the old ones.
  store.outbox().append(entry("fourth"));
  EXPECT_EQ(client_ids(store), (std::vector<std::string>{"first", "third", "fourth"}));
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
