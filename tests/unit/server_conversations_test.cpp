// parley-server's conversation storage for complete chat: the upgrade of a version-1 file,
// edits and deletions with their recorded client ids, assignment, receipts per side, and the
// database's server_id.
#include <gtest/gtest.h>

#include "sdk_temp_dir.hpp"
#include "storage/conversations.hpp"
#include "storage/database.hpp"
#include "storage/principals.hpp"
#include "storage/schema.hpp"

namespace parley::server {
namespace {

const Author kAnn{"user", "u-1", "Ann"};

// A version-1 file, as the previous release left it: a user, a conversation, a message.
void write_version_1_file(const std::string& path) {
  sqlite::Database db(path);
  migrate_to(db, 1);
  ASSERT_EQ(db.user_version(), 1);
  db.exec(
      "INSERT INTO principals (id, kind, name, created_at) VALUES ('u-1', 'user', 'Ann', 1);"
      "INSERT INTO conversations (user_id, status, created_at, updated_at) "
      "  VALUES ('u-1', 'open', 1, 2);"
      "INSERT INTO messages (conversation_id, client_id, author_kind, author_id, author_name, "
      "  text, created_at) VALUES (1, 'm1', 'user', 'u-1', 'Ann', 'hello', 2);");
}

TEST(ChatSchema, AVersion1FileUpgradesWithItsDataAndGetsAServerId) {
  test::SdkTempDir dir;
  const auto path = dir.file("v1.db");
  write_version_1_file(path);

  auto db = open_database(path);
  EXPECT_EQ(db.user_version(), kSchemaVersion);
  ConversationRepository conversations(db);
  const auto conversation = conversations.find(1);
  ASSERT_TRUE(conversation);
  EXPECT_FALSE(conversation->assignee);
  EXPECT_EQ(conversation->user_receipt, ReceiptRow{});
  EXPECT_EQ(conversation->agent_receipt, ReceiptRow{});
  const auto message = conversations.find_message(1);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->text, "hello");
  EXPECT_EQ(message->edited_at, 0);
  EXPECT_FALSE(message->deleted);
  const std::string id = server_id(db);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
}

TEST(ChatSchema, TheServerIdIsMadeOncePerDatabase) {
  test::SdkTempDir dir;
  std::string first;
  {
    auto db = open_database(dir.file("a.db"));
    first = server_id(db);
  }
  auto reopened = open_database(dir.file("a.db"));
  EXPECT_EQ(server_id(reopened), first);
  auto other = open_database(dir.file("b.db"));
  EXPECT_NE(server_id(other), first);
}

struct ChatStorage : ::testing::Test {
  sqlite::Database db = open_database(":memory:");
  PrincipalRepository principals{db};
  ConversationRepository conversations{db};
  ConversationRow conversation;

  void SetUp() override {
    principals.save({"u-1", PrincipalKind::user, "Ann"}, 1);
    principals.save({"a-1", PrincipalKind::agent, "Sam"}, 1);
    conversation = conversations.create("u-1", 1);
  }
};

TEST_F(ChatStorage, EditsStampTheTimeAndDeletionsEmptyTheText) {
  const auto m = conversations.add_message(conversation.id, "m1", kAnn, "helo", 10);
  conversations.edit_message(m.id, "hello", 20);
  auto found = conversations.find_message(m.id);
  EXPECT_EQ(found->text, "hello");
  EXPECT_EQ(found->edited_at, 20);
  EXPECT_EQ(found->created_at, 10);

  conversations.delete_message(m.id);
  found = conversations.find_message(m.id);
  EXPECT_TRUE(found->deleted);
  EXPECT_EQ(found->text, "");
  // It keeps its place in the history.
  const auto page = conversations.history(conversation.id, 0, 10);
  ASSERT_EQ(page.messages.size(), 1u);
  EXPECT_EQ(page.messages[0].id, m.id);
}

TEST_F(ChatStorage, AChangeIsRecordedOncePerAuthorAndClientId) {
  const auto m = conversations.add_message(conversation.id, "m1", kAnn, "hi", 10);
  EXPECT_FALSE(conversations.changed_message("u-1", "e1"));
  conversations.record_change("u-1", "e1", m.id);
  EXPECT_EQ(conversations.changed_message("u-1", "e1"), m.id);
  EXPECT_FALSE(conversations.changed_message("a-1", "e1"));  // per author
  EXPECT_THROW(conversations.record_change("u-1", "e1", m.id), sqlite::SqliteError);
}

TEST_F(ChatStorage, TheAssigneeCarriesTheAgentsCurrentName) {
  conversations.assign(conversation.id, "a-1");
  principals.save({"a-1", PrincipalKind::agent, "Samantha"}, 2);
  const auto found = conversations.find(conversation.id);
  ASSERT_TRUE(found->assignee);
  EXPECT_EQ(found->assignee->kind, "agent");
  EXPECT_EQ(found->assignee->id, "a-1");
  EXPECT_EQ(found->assignee->name, "Samantha");
}

TEST_F(ChatStorage, EachSideKeepsItsOwnReceipt) {
  conversations.set_receipt(conversation.id, Side::agent, ReceiptRow{7, 5});
  conversations.set_receipt(conversation.id, Side::user, ReceiptRow{3, 0});
  const auto found = conversations.find(conversation.id);
  EXPECT_EQ(found->receipt(Side::agent), (ReceiptRow{7, 5}));
  EXPECT_EQ(found->receipt(Side::user), (ReceiptRow{3, 0}));
}

}  // namespace
}  // namespace parley::server
