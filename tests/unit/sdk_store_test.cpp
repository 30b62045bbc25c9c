// The client store: migrations, event application with its seq in one transaction, resync,
// and a file store that keeps everything across reopening.
#include <gtest/gtest.h>

#include <stdexcept>

#include "sdk_outbox_entry.hpp"
#include "sdk_temp_dir.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"

namespace {

using parley::Article;
using parley::Author;
using parley::Comment;
using parley::Conversation;
using parley::DeliveryState;
using parley::Message;
using parley::Ticket;
using parley::store::EventOrder;
using parley::store::OutboxEntry;
using parley::store::Store;

using parley::test::outbox_entry;
using parley::store::Stored;

Message server_message(const std::string& id, const std::string& client_id,
                       const std::string& text, std::int64_t created_at = 1000) {
  Message m;
  m.id = id;
  m.client_id = client_id;
  m.conversation_id = "c-1";
  m.author = Author{"user", "u-1", "Ann"};
  m.text = text;
  m.created_at = created_at;
  return m;
}

Message pending_message(const std::string& client_id, const std::string& text) {
  Message m;
  m.client_id = client_id;
  m.conversation_id = "c-1";
  m.author = Author{"user", "u-1", "Ann"};
  m.text = text;
  m.created_at = 5000;
  m.state = DeliveryState::pending;
  return m;
}

Conversation conversation(const std::string& id) {
  Conversation c;
  c.id = id;
  c.user_id = "u-1";
  c.status = "open";
  c.created_at = 1;
  c.updated_at = 2;
  return c;
}

Ticket ticket(const std::string& id, const std::string& status) {
  Ticket t;
  t.id = id;
  t.client_id = "cid-" + id;
  t.user_id = "u-1";
  t.subject = "Broken";
  t.description = "It broke";
  t.status = status;
  t.priority = "normal";
  t.created_at = 1;
  t.updated_at = 2;
  return t;
}

TEST(SdkStore, NewStoreIsAtTheCurrentSchemaVersion) {
  Store store("");
  EXPECT_EQ(store.db().user_version(), parley::store::kSchemaVersion);
  EXPECT_EQ(store.meta().last_seq(), 0);
  EXPECT_EQ(store.meta().faq_version(), 0);
  EXPECT_TRUE(store.meta().principal().id.empty());
}

TEST(SdkStore, MigrateIsANoOpOnACurrentStore) {
  parley::test::SdkTempDir dir;
  {
    Store store(dir.file("client.db"));
    store.meta().set_last_seq(12);
  }
  parley::sqlite::Database db(dir.file("client.db"));
  parley::store::migrate(db);
  EXPECT_EQ(db.user_version(), parley::store::kSchemaVersion);
  Store reopened(dir.file("client.db"));
  EXPECT_EQ(reopened.meta().last_seq(), 12);
}

TEST(SdkStore, RefusesAStoreFromANewerSdk) {
  parley::test::SdkTempDir dir;
  {
    parley::sqlite::Database db(dir.file("client.db"));
    db.set_user_version(parley::store::kSchemaVersion + 1);
  }
  EXPECT_THROW(Store(dir.file("client.db")), std::runtime_error);
}

TEST(SdkStore, FileStoreUsesWal) {
  parley::test::SdkTempDir dir;
  Store store(dir.file("client.db"));
  auto st = store.db().prepare("PRAGMA journal_mode");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(0), "wal");
}

TEST(SdkStore, AppliesTheNextEventAndRecordsItsSeq) {
  Store store("");
  EXPECT_EQ(store.apply_event(1, [&] { store.messages().store(server_message("m-1", "a", "hi")); }),
            EventOrder::next);
  EXPECT_EQ(store.meta().last_seq(), 1);
  EXPECT_EQ(store.messages().conversation("c-1").size(), 1u);
}

TEST(SdkStore, IgnoresAnOldSeqWithoutRunningTheChange) {
  Store store("");
  store.meta().set_last_seq(5);
  bool ran = false;
  EXPECT_EQ(store.apply_event(5, [&] { ran = true; }), EventOrder::old);
  EXPECT_EQ(store.apply_event(2, [&] { ran = true; }), EventOrder::old);
  EXPECT_FALSE(ran);
  EXPECT_EQ(store.meta().last_seq(), 5);
}

TEST(SdkStore, ReportsAGapWithoutRunningTheChange) {
  Store store("");
  store.meta().set_last_seq(5);
  bool ran = false;
  EXPECT_EQ(store.apply_event(7, [&] { ran = true; }), EventOrder::gap);
  EXPECT_FALSE(ran);
  EXPECT_EQ(store.meta().last_seq(), 5);
}

TEST(SdkStore, AFailedChangeRecordsNeitherTheChangeNorTheSeq) {
  Store store("");
  EXPECT_THROW(store.apply_event(1,
                                 [&] {
                                   store.messages().store(server_message("m-1", "a", "hi"));
                                   throw std::runtime_error("malformed");
                                 }),
               std::runtime_error);
  EXPECT_EQ(store.meta().last_seq(), 0);
  EXPECT_TRUE(store.messages().conversation("c-1").empty());
  // The same event applies cleanly when it comes again.
  EXPECT_EQ(store.apply_event(1, [&] { store.messages().store(server_message("m-1", "a", "hi")); }),
            EventOrder::next);
  EXPECT_EQ(store.messages().conversation("c-1").size(), 1u);
}

TEST(SdkStore, ResetViewKeepsTheOutboxPendingMessagesAndArticles) {
  Store store("");
  store.meta().set_last_seq(40);
  store.meta().set_faq_version(3);
  store.messages().store(server_message("m-1", "a", "delivered"));
  store.conversations().store(conversation("c-1"));
  store.messages().add_pending(pending_message("p-1", "waiting"));
  store.outbox().append(outbox_entry("p-1", "chat.send", R"({"client_id":"p-1","text":"waiting"})", 7));
  store.tickets().store_ticket(ticket("t-1", "open"));
  store.tickets().store_comment(Comment{"tc-1", "x", "t-1", Author{"agent", "a-1", "Bo"}, "ok", 3, {}});
  store.articles().store(Article{"a-1", "en", "billing", "Refunds", "Body", {"money"}, 3});

  store.reset_view(57);

  EXPECT_EQ(store.meta().last_seq(), 57);
  EXPECT_EQ(store.meta().faq_version(), 3);  // the FAQ keeps following catalogue changes
  const auto messages = store.messages().conversation("c-1");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].client_id, "p-1");
  EXPECT_EQ(messages[0].state, DeliveryState::pending);
  EXPECT_EQ(store.outbox().size(), 1u);
  EXPECT_TRUE(store.conversations().all().empty());
  EXPECT_FALSE(store.tickets().ticket("t-1"));
  EXPECT_TRUE(store.tickets().comments("t-1").empty());
  EXPECT_EQ(store.articles().all().size(), 1u);
}

TEST(SdkStore, OwnPendingMessageIsReplacedByTheServersCopy) {
  Store store("");
  store.messages().add_pending(pending_message("p-1", "hello"));
  EXPECT_EQ(store.messages().store(server_message("m-9", "p-1", "hello", 4000)), Stored::changed);
  const auto messages = store.messages().conversation("c-1");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].id, "m-9");
  EXPECT_EQ(messages[0].state, DeliveryState::sent);
  // The echo of the same message (by id) is not new either.
  EXPECT_EQ(store.messages().store(server_message("m-9", "p-1", "hello", 4000)), Stored::unchanged);
  EXPECT_EQ(store.messages().conversation("c-1").size(), 1u);
}

TEST(SdkStore, AMessageNewToTheStoreIsReportedNew) {
  Store store("");
  EXPECT_EQ(store.messages().store(server_message("m-1", "someone-else", "hi")), Stored::inserted);
  EXPECT_EQ(store.messages().store(server_message("m-2", "", "bot says hi")), Stored::inserted);
  EXPECT_EQ(store.messages().store(server_message("m-1", "someone-else", "hi")), Stored::unchanged);
  // An edit or a deletion of a known message is a change.
  auto edited = server_message("m-1", "someone-else", "hi there");
  edited.edited_at = 7;
  EXPECT_EQ(store.messages().store(edited), Stored::changed);
  EXPECT_EQ(store.messages().find("m-1")->text, "hi there");
}

TEST(SdkStore, MessagesAreOrderedByTimeThenNumericIdWithPendingLast) {
  Store store("");
  store.messages().add_pending(pending_message("p-1", "pending"));
  store.messages().store(server_message("m-10", "a", "ten", 2000));
  store.messages().store(server_message("m-9", "b", "nine", 2000));
  store.messages().store(server_message("m-11", "c", "early", 1000));
  std::vector<std::string> texts;
  for (const auto& m : store.messages().conversation("c-1")) texts.push_back(m.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"early", "nine", "ten", "pending"}));
}

TEST(SdkStore, SetStateChangesOnlyThatPendingRow) {
  Store store("");
  store.messages().add_pending(pending_message("p-1", "refused"));
  store.messages().add_pending(pending_message("p-2", "fine"));
  store.messages().set_state("p-1", DeliveryState::failed);
  const auto messages = store.messages().conversation("c-1");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].state, DeliveryState::failed);
  EXPECT_EQ(messages[1].state, DeliveryState::pending);
}

TEST(SdkStore, OwnMessagesTakeTheirStateFromTheOtherSidesReceipts) {
  Store store("");
  store.meta().set_principal(Author{"user", "u-1", "Ann"});
  for (const char* id : {"m-1", "m-2", "m-3"}) store.store_message(server_message(id, id, id));
  auto c = conversation("c-1");
  c.agent_receipt = parley::Receipt{"m-2", "m-1"};
  store.conversations().store(c);
  const auto messages = store.messages_of("c-1");
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].state, DeliveryState::read);
  EXPECT_EQ(messages[1].state, DeliveryState::delivered);
  EXPECT_EQ(messages[2].state, DeliveryState::sent);
  // An older copy of the conversation never takes a receipt back.
  c.agent_receipt = parley::Receipt{"m-1", ""};
  EXPECT_EQ(store.conversations().store(c), Stored::unchanged);
  EXPECT_EQ(store.conversations().find("c-1")->agent_receipt.delivered_up_to, "m-2");
}

TEST(SdkStore, UnreadCountsTheOtherSidesMessagesAfterTheReadReceipt) {
  Store store("");
  store.meta().set_principal(Author{"user", "u-1", "Ann"});
  auto from_agent = [](const char* id) {
    auto m = server_message(id, std::string("x") + id, "answer");
    m.author = Author{"agent", "a-1", "Bo"};
    return m;
  };
  store.store_message(server_message("m-1", "own", "question"));  // the user's own: never unread
  for (const char* id : {"m-2", "m-3", "m-4"}) store.store_message(from_agent(id));
  ASSERT_TRUE(store.conversation_with_unread("c-1"));  // made by the first message
  EXPECT_EQ(store.conversation_with_unread("c-1")->unread_count, 3);
  store.receipts().owe("c-1", "read", "m-3");  // not acknowledged yet: counts at once
  EXPECT_EQ(store.conversation_with_unread("c-1")->unread_count, 1);
  auto deleted = from_agent("m-4");
  deleted.deleted = true;
  deleted.text.clear();
  store.store_message(deleted);
  EXPECT_EQ(store.conversations_with_unread().at(0).unread_count, 0);
}

TEST(SdkStore, OwedReceiptsCoalesceToTheNewestAndSettle) {
  Store store("");
  store.receipts().owe("c-1", "delivered", "m-5");
  store.receipts().owe("c-1", "delivered", "m-3");  // older: changes nothing
  store.receipts().owe("c-1", "read", "m-2");
  auto owed = store.receipts().all();
  ASSERT_EQ(owed.size(), 2u);
  EXPECT_EQ(owed[0].kind, "delivered");
  EXPECT_EQ(owed[0].message_id, "m-5");
  store.receipts().settle("c-1", "delivered", 4);  // covers less than what is owed
  EXPECT_EQ(store.receipts().all().size(), 2u);
  store.receipts().settle("c-1", "delivered", 5);
  ASSERT_EQ(store.receipts().all().size(), 1u);
  EXPECT_EQ(store.receipts().read_owed("c-1"), 2);
}

TEST(SdkStore, HistoryPagesComeFromTheCacheNewestFirst) {
  Store store("");
  for (int i = 1; i <= 5; ++i) store.store_message(server_message("m-" + std::to_string(i), "", "t"));
  auto newest = store.messages().page("c-1", 0, 2);
  ASSERT_EQ(newest.messages.size(), 2u);
  EXPECT_EQ(newest.messages[0].id, "m-4");
  EXPECT_TRUE(newest.older_cached);
  auto oldest = store.messages().page("c-1", 3, 5);
  ASSERT_EQ(oldest.messages.size(), 2u);
  EXPECT_EQ(oldest.messages[0].id, "m-1");
  EXPECT_FALSE(oldest.older_cached);
  EXPECT_EQ(store.messages().oldest_id("c-1"), "m-1");
}

TEST(SdkStore, TicketChangesAreToldApartFromRepeats) {
  Store store("");
  EXPECT_EQ(store.tickets().store_ticket(ticket("t-1", "open")), Stored::inserted);
  EXPECT_EQ(store.tickets().store_ticket(ticket("t-1", "open")), Stored::unchanged);
  EXPECT_EQ(store.tickets().store_ticket(ticket("t-1", "pending")), Stored::changed);
  EXPECT_EQ(store.tickets().ticket("t-1")->status, "pending");
  const Comment c{"tc-1", "x", "t-1", Author{"agent", "a-1", "Bo"}, "ok", 3, {}};
  EXPECT_EQ(store.tickets().store_comment(c), Stored::inserted);
  EXPECT_EQ(store.tickets().store_comment(c), Stored::unchanged);
}

TEST(SdkStore, ReopenedFileStoreHasEverything) {
  parley::test::SdkTempDir dir;
  const auto path = dir.file("client.db");
  {
    Store store(path);
    store.meta().set_last_seq(9);
    store.meta().set_faq_version(4);
    store.meta().set_principal(Author{"user", "u-1", "Ann"});
    store.apply_event(10, [&] { store.messages().store(server_message("m-1", "a", "안녕하세요")); });
    store.messages().add_pending(pending_message("p-1", "queued"));
    store.outbox().append(outbox_entry("p-1", "chat.send", R"({"client_id":"p-1"})", 42));
    store.tickets().store_ticket(ticket("t-1", "solved"));
    store.tickets().store_comment(Comment{"tc-1", "x", "t-1", Author{"agent", "a-1", "Bo"}, "done", 3, {}});
    store.conversations().store(conversation("c-1"));
    store.articles().store(Article{"a-1", "ko", "billing", "환불", "본문", {"환불", "결제"}, 4});
  }
  Store store(path);
  EXPECT_EQ(store.meta().last_seq(), 10);
  EXPECT_EQ(store.meta().faq_version(), 4);
  EXPECT_EQ(store.meta().principal().id, "u-1");
  EXPECT_EQ(store.meta().principal().name, "Ann");
  const auto messages = store.messages().conversation("c-1");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].text, "안녕하세요");
  EXPECT_EQ(messages[1].state, DeliveryState::pending);
  ASSERT_EQ(store.outbox().size(), 1u);
  EXPECT_EQ(store.outbox().queued()[0].tag, 42u);
  EXPECT_EQ(store.tickets().ticket("t-1")->status, "solved");
  EXPECT_EQ(store.tickets().comments("t-1").size(), 1u);
  EXPECT_EQ(store.conversations().all().size(), 1u);
  const auto articles = store.articles().all();
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].tags, (std::vector<std::string>{"환불", "결제"}));
  EXPECT_EQ(articles[0].version, 4);
}

}  // namespace
