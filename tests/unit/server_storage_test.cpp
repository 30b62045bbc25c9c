// parley-server storage: schema, event logs and their seqs, catalogue versions, object ids.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "handlers/ticket_status.hpp"
#include "storage/articles.hpp"
#include "storage/database.hpp"
#include "storage/event_logs.hpp"
#include "storage/object_id.hpp"
#include "storage/principals.hpp"
#include "storage/schema.hpp"
#include "storage/tickets.hpp"
#include "../support/log_sync_probe.hpp"
#include "sdk_temp_dir.hpp"

namespace parley::server {
namespace {

// A database file left at schema `version` with `rows` in it, opened (and so upgraded) as the
// server opens it.
sqlite::Database upgraded(const test::SdkTempDir& dir, int version, const char* rows) {
  const auto path = dir.file("v" + std::to_string(version) + ".db");
  {
    sqlite::Database old(path);
    migrate_to(old, version);
    old.exec(rows);
  }
  auto db = open_database(path);
  EXPECT_EQ(db.user_version(), kSchemaVersion);
  return db;
}

TEST(Schema, MigratesToTheCurrentVersionOnce) {
  auto db = open_database(":memory:");
  EXPECT_EQ(db.user_version(), kSchemaVersion);
  migrate(db);  // a second run is a no-op
  EXPECT_EQ(db.user_version(), kSchemaVersion);
}

TEST(Schema, RefusesANewerFile) {
  sqlite::Database db(":memory:");
  db.set_user_version(kSchemaVersion + 1);
  EXPECT_THROW(migrate(db), std::runtime_error);
}

// A new database in memory with these principals.
sqlite::Database database_with(std::initializer_list<Principal> principals) {
  auto db = open_database(":memory:");
  PrincipalRepository repository(db);
  for (const auto& principal : principals) repository.save(principal, 1);
  return db;
}

// The rows of a query, each as its columns' text joined by '|'.
std::vector<std::string> rows_of(sqlite::Database& db, const std::string& sql) {
  std::vector<std::string> rows;
  auto st = db.prepare(sql);
  while (st.step()) {
    std::string row;
    for (int c = 0; c < st.column_count(); ++c) {
      row += (c ? "|" : "") + (st.column_is_null(c) ? std::string("NULL") : st.column_text(c));
    }
    rows.push_back(row);
  }
  return rows;
}

// Version 11 rebuilds `messages` (its check without a temporary table per insert): the rows,
// the references to them and the id counter are as they were, and the checks still hold.
TEST(Schema, AVersion10FilesMessagesAreKeptWithTheirIdsAndReferences) {
  test::SdkTempDir dir;
  auto db = upgraded(dir, 10,
                     "INSERT INTO principals (id, kind, name, created_at) VALUES ('u-1', 'user', 'Ann', 1);"
                     "INSERT INTO conversations (id, user_id, status, created_at, updated_at) "
                     "  VALUES (3, 'u-1', 'open', 1, 1);"
                     "INSERT INTO messages (id, conversation_id, client_id, author_kind, author_id,"
                     "  author_name, text, created_at, edited_at, deleted) VALUES "
                     "  (1, 3, 'c1', 'user', 'u-1', 'Ann', 'hi', 10, 0, 0),"
                     "  (2, 3, 'c2', 'bot', 'bot', 'Parley Bot', 'hello', 11, 0, 0),"
                     "  (5, 3, 'c5', 'user', 'u-1', 'Ann', '', 12, 13, 1);"
                     "UPDATE sqlite_sequence SET seq = 7 WHERE name = 'messages';"
                     "INSERT INTO message_changes (author_id, client_id, message_id) VALUES ('u-1', 'd1', 5);"
                     "INSERT INTO attachments (owner_id, name, content_type, size, created_at, message_id)"
                     "  VALUES ('u-1', 'a.png', 'image/png', 3, 1, 2);");
  const std::string all = "SELECT id, conversation_id, client_id, author_kind, author_id, author_name, "
                          "text, created_at, edited_at, deleted FROM messages ORDER BY id";
  EXPECT_EQ(rows_of(db, all), (std::vector<std::string>{"1|3|c1|user|u-1|Ann|hi|10|0|0",
                                                        "2|3|c2|bot|bot|Parley Bot|hello|11|0|0",
                                                        "5|3|c5|user|u-1|Ann||12|13|1"}));
  EXPECT_TRUE(rows_of(db, "PRAGMA foreign_key_check").empty());
  EXPECT_EQ(rows_of(db, "SELECT name FROM sqlite_master WHERE name LIKE 'messages%' ORDER BY name"),
            (std::vector<std::string>{"messages", "messages_by_conversation"}));

  db.exec("INSERT INTO messages (conversation_id, client_id, author_kind, author_id, author_name, "
          "text, created_at) VALUES (3, 'c8', 'agent', 'a-1', 'Sam', 'x', 14)");
  EXPECT_EQ(db.last_insert_rowid(), 8);  // after the 7 the counter had reached, not after 5
  const char* insert =
      "INSERT INTO messages (conversation_id, client_id, author_kind, author_id, author_name, "
      "text, created_at) VALUES (%s, '%s', '%s', 'u-1', 'Ann', 'x', 15)";
  auto insert_sql = [&](const char* conversation, const char* client_id, const char* kind) {
    char sql[512];
    std::snprintf(sql, sizeof sql, insert, conversation, client_id, kind);
    return std::string(sql);
  };
  EXPECT_THROW(db.exec(insert_sql("3", "c9", "robot")), sqlite::SqliteError);  // the check
  EXPECT_THROW(db.exec(insert_sql("99", "c9", "user")), sqlite::SqliteError);  // foreign key
  EXPECT_THROW(db.exec(insert_sql("3", "c1", "user")), sqlite::SqliteError);   // unique
  for (const auto& step : rows_of(db, "EXPLAIN " + insert_sql("3", "c9", "user"))) {
    EXPECT_EQ(step.find("|OpenEphemeral|"), std::string::npos) << step;
  }
}

// A batch is on the disk before any of it is answered: its commit flushes the log, asking it to
// reach the medium (F_FULLFSYNC on Apple platforms, where a plain fsync stops at the drive's
// cache; the same elsewhere).
TEST(GroupCommit, EachCommitFlushesTheLogToTheMedium) {
  const test::SdkTempDir dir;
  test::LogSyncProbe disk;
  auto db = open_database(dir.file("server.db"));
  const int before = disk.count();
  {
    sqlite::Transaction batch(db);
    db.exec("INSERT INTO server_meta (key, value) VALUES ('probe', 'x')");
    batch.commit();
  }
  EXPECT_EQ(disk.count(), before + 1);
  EXPECT_EQ(disk.last_log_sync_kind(), SQLITE_SYNC_FULL);
}

TEST(GroupCommit, ANestedTransactionFailsAloneAndCommitsWithTheOuterOne) {
  auto db = database_with({{"u-1", PrincipalKind::user, "Ann"}});
  EventLogRepository logs(db);
  {
    sqlite::Transaction batch(db);
    {
      sqlite::Transaction first(db);
      logs.append("u-1", "kept", protocol::Json::object(), 2);
      first.commit();
    }
    {
      sqlite::Transaction failed(db);  // not committed: as a request that threw
      logs.append("u-1", "undone", protocol::Json::object(), 3);
    }
    {
      sqlite::Transaction third(db);
      logs.append("u-1", "kept", protocol::Json::object(), 4);
      third.commit();
    }
    EXPECT_EQ(logs.latest_seq("u-1"), 2u);
    batch.commit();
  }
  const auto events = logs.events_after("u-1", 0, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "kept");
  EXPECT_EQ(events[1].name, "kept");
  EXPECT_EQ(events[1].seq, 2u);  // the undone one's seq was given again: no gap

  {
    sqlite::Transaction batch(db);  // an outer transaction that is not committed undoes all
    sqlite::Transaction inner(db);
    logs.append("u-1", "never", protocol::Json::object(), 5);
    inner.commit();
  }
  EXPECT_EQ(logs.latest_seq("u-1"), 2u);
}

// A repository keeps each log's latest seq in memory. A seq another writer took meanwhile is
// refused by the (log, seq) key, not given twice, and the repository reads the log again.
TEST(EventLog, AnAppendAfterAnotherWritersIsRefusedOnceThenNumberedFromStorage) {
  auto db = database_with({{"u-1", PrincipalKind::user, "Ann"}});
  EventLogRepository mine(db), other(db);
  mine.append("u-1", "a", protocol::Json::object(), 1);
  other.append("u-1", "b", protocol::Json::object(), 2);
  EXPECT_THROW(mine.append("u-1", "c", protocol::Json::object(), 3), sqlite::SqliteError);
  EXPECT_EQ(mine.append("u-1", "c", protocol::Json::object(), 4).seq, 3u);
  const auto events = mine.events_after("u-1", 0, 10);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].name, "c");
}

// Version 9 drops the seq counter row: a file from version 8 goes on from its last event.
TEST(EventLog, AVersion8FileGoesOnFromItsLastEvent) {
  test::SdkTempDir dir;
  auto db = upgraded(dir, 8,
                     "INSERT INTO principals (id, kind, name, last_seq, created_at) VALUES "
                     "  ('u-1', 'user', 'Ann', 3, 1), ('u-2', 'user', 'Bo', 0, 1);"
                     "INSERT INTO events (principal_id, seq, name, data, created_at) VALUES "
                     "  ('u-1', 1, 'a', '{}', 1), ('u-1', 2, 'b', '{}', 1), ('u-1', 3, 'c', '{}', 1);");
  EventLogRepository logs(db);
  EXPECT_EQ(logs.latest_seq("u-1"), 3u);
  EXPECT_EQ(logs.latest_seq("u-2"), 0u);
  EXPECT_EQ(logs.append("u-1", "d", protocol::Json::object(), 2).seq, 4u);
  EXPECT_EQ(logs.append("u-2", "a", protocol::Json::object(), 2).seq, 1u);
  EXPECT_THROW(logs.append("nobody", "a", protocol::Json::object(), 2), sqlite::SqliteError);
}

TEST(EventLog, SeqIsPerLogAndGapless) {
  auto db = database_with({{"u-1", PrincipalKind::user, "Ann"}, {"u-2", PrincipalKind::user, "Bob"}});
  EventLogRepository logs(db);
  {
    sqlite::Transaction tx(db);
    EXPECT_EQ(logs.append("u-1", "e", {{"n", 1}}, 5).seq, 1u);
    EXPECT_EQ(logs.append("u-1", "e", {{"n", 2}}, 5).seq, 2u);
    EXPECT_EQ(logs.append("u-2", "e", {{"n", 3}}, 5).seq, 1u);
    tx.commit();
  }
  {
    sqlite::Transaction rolled_back(db);
    logs.append("u-1", "lost", protocol::Json::object(), 6);
  }
  EXPECT_EQ(logs.latest_seq("u-1"), 2u);
  sqlite::Transaction tx(db);
  EXPECT_EQ(logs.append("u-1", "e", {{"n", 4}}, 7).seq, 3u);
  tx.commit();

  const auto events = logs.events_after("u-1", 1, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, 2u);
  EXPECT_EQ(protocol::Json::parse(*events[0].data)["n"], 2);
  EXPECT_EQ(events[1].seq, 3u);
  EXPECT_EQ(protocol::Json::parse(*events[1].data)["n"], 4);
  const auto page = logs.events_after("u-1", 0, 2);  // pages stop at the limit
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[1].seq, 2u);
}

TEST(EventLog, SavingAgainKeepsKindAndRefreshesName) {
  auto db = open_database(":memory:");
  PrincipalRepository principals(db);
  principals.save({"a-1", PrincipalKind::agent, "Sam"}, 1);
  principals.save({"a-1", PrincipalKind::agent, "Samantha"}, 2);
  const auto found = principals.find("a-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Samantha");
  EXPECT_EQ(found->kind, PrincipalKind::agent);
  EXPECT_FALSE(principals.find("nobody"));
}

TEST(EventLog, AllAgentsReadOneFeed) {
  auto db = database_with({{"a-1", PrincipalKind::agent, "Sam"},
                           {"a-2", PrincipalKind::agent, "Kim"},
                           {"u-1", PrincipalKind::user, "Ann"}});
  EventLogRepository logs(db);
  EXPECT_EQ(log_of({"a-1", PrincipalKind::agent, "Sam"}), kAgentsFeed);
  EXPECT_EQ(log_of({"a-2", PrincipalKind::agent, "Kim"}), kAgentsFeed);
  EXPECT_EQ(log_of({"u-1", PrincipalKind::user, "Ann"}), "u-1");
  EXPECT_EQ(logs.all_logs(), (std::vector<std::string>{"u-1", kAgentsFeed}));

  // A new database's feed starts at 1 like any log, and resumes from any seq it issued; not
  // from 0 once it has events: a new agent starts from the current state.
  EXPECT_EQ(logs.latest_seq(kAgentsFeed), 0u);
  EXPECT_TRUE(logs.resume(kAgentsFeed, 0).possible);
  EXPECT_EQ(logs.append(kAgentsFeed, "e", protocol::Json::object(), 2).seq, 1u);
  EXPECT_EQ(logs.append(kAgentsFeed, "e", protocol::Json::object(), 2).seq, 2u);
  EXPECT_FALSE(logs.resume(kAgentsFeed, 0).possible);
  EXPECT_TRUE(logs.resume(kAgentsFeed, 1).possible);
  EXPECT_TRUE(logs.resume(kAgentsFeed, 2).possible);
  EXPECT_FALSE(logs.resume(kAgentsFeed, 3).possible);  // never issued
  EXPECT_TRUE(logs.resume("u-1", 0).possible);  // a user's own log replays from its start
  EXPECT_FALSE(logs.resume("u-1", 1).possible);
}

// Version 10 gives the agents one feed. An agent's cursor in its own old log cannot be resumed
// from in the feed (the same numbers would name other events), so the feed starts above them.
TEST(EventLog, AVersion9FilesAgentsGoOnInAFeedAboveTheirOldSeqs) {
  test::SdkTempDir dir;
  auto db = upgraded(dir, 9,
                     "INSERT INTO principals (id, kind, name, created_at) VALUES "
                     "  ('u-1', 'user', 'Ann', 1), ('a-1', 'agent', 'Sam', 1), ('a-2', 'agent', 'Kim', 1);"
                     "INSERT INTO events (principal_id, seq, name, data, created_at) VALUES "
                     "  ('u-1', 1, 'a', '{}', 1), ('u-1', 2, 'b', '{}', 1),"
                     "  ('a-1', 1, 'a', '{}', 1), ('a-1', 2, 'b', '{}', 1), ('a-1', 3, 'c', '{}', 1),"
                     "  ('a-1', 4, 'd', '{}', 1), ('a-1', 5, 'e', '{}', 1),"
                     "  ('a-2', 1, 'c', '{}', 1), ('a-2', 2, 'd', '{}', 1);");
  EventLogRepository logs(db);
  EXPECT_EQ(logs.latest_seq(kAgentsFeed), 5u);
  EXPECT_FALSE(logs.resume(kAgentsFeed, 2).possible);  // a-2's last, or a-1's second: resync
  EXPECT_FALSE(logs.resume(kAgentsFeed, 4).possible);
  EXPECT_TRUE(logs.resume(kAgentsFeed, 5).possible);  // after a resync, or a-1 having seen all
  EXPECT_EQ(logs.resume(kAgentsFeed, 2).latest_seq, 5u);  // what a resync goes on from
  EXPECT_FALSE(logs.resume(kAgentsFeed, 0).possible);
  EXPECT_EQ(logs.append(kAgentsFeed, "f", protocol::Json::object(), 2).seq, 6u);
  EXPECT_TRUE(logs.resume(kAgentsFeed, 6).possible);
  const auto feed = logs.events_after(kAgentsFeed, 0, 10);
  ASSERT_EQ(feed.size(), 1u);
  EXPECT_EQ(feed[0].name, "f");

  EXPECT_TRUE(logs.events_after("a-1", 0, 10).empty());  // the agents' own logs are gone
  EXPECT_EQ(logs.latest_seq("u-1"), 2u);                 // the users' are as they were
  EXPECT_EQ(logs.events_after("u-1", 0, 10).size(), 2u);
}

ArticleContent article(const std::string& id, const std::string& body) {
  return ArticleContent{id, "en", "general", "Title " + id, body, {"t"}};
}

TEST(Articles, EachChangingLoadBumpsTheVersionOnce) {
  auto db = open_database(":memory:");
  ArticleRepository articles(db);
  EXPECT_EQ(articles.catalogue_version(), 0);
  EXPECT_EQ(articles.replace_all({article("a", "1"), article("b", "1")}), 1);
  EXPECT_EQ(articles.replace_all({article("a", "1"), article("b", "1")}), 0);  // unchanged
  EXPECT_EQ(articles.replace_all({article("a", "2"), article("c", "1")}), 2);  // b vanished

  const auto changes = articles.changes_since(1, "");
  EXPECT_EQ(changes.version, 2);
  ASSERT_EQ(changes.articles.size(), 2u);
  EXPECT_EQ(changes.articles[0].content.id, "a");
  EXPECT_EQ(changes.articles[0].content.body, "2");
  EXPECT_EQ(changes.articles[1].content.id, "c");
  EXPECT_EQ(changes.deleted, (std::vector<std::string>{"b"}));
  EXPECT_EQ(articles.live().size(), 2u);

  EXPECT_EQ(articles.replace_all({article("a", "2"), article("b", "1"), article("c", "1")}), 3);
  const auto back = articles.changes_since(2, "");
  ASSERT_EQ(back.articles.size(), 1u);
  EXPECT_EQ(back.articles[0].content.id, "b");  // restored
  EXPECT_TRUE(back.deleted.empty());
  EXPECT_TRUE(articles.changes_since(0, "ko").articles.empty());
}

TEST(ObjectId, FormatsAndParsesStrictly) {
  EXPECT_EQ(format_id(kMessageId, 17), "m-17");
  EXPECT_EQ(parse_id(kMessageId, "m-17"), 17);
  EXPECT_EQ(parse_id(kCommentId, "tc-9"), 9);
  EXPECT_FALSE(parse_id(kTicketId, "tc-9"));
  EXPECT_FALSE(parse_id(kMessageId, "m-"));
  EXPECT_FALSE(parse_id(kMessageId, "m-017"));
  EXPECT_FALSE(parse_id(kMessageId, "m-0"));
  EXPECT_FALSE(parse_id(kMessageId, "m-1x"));
  EXPECT_FALSE(parse_id(kMessageId, "m-99999999999999999999"));
}

TEST(TicketStatus, AllowsExactlyTheDocumentedTransitions) {
  const char* statuses[] = {"open", "pending", "solved", "closed"};
  std::set<std::pair<std::string, std::string>> allowed;
  for (const char* from : statuses) {
    for (const char* to : statuses) {
      if (is_allowed_transition(from, to)) allowed.emplace(from, to);
    }
  }
  const std::set<std::pair<std::string, std::string>> expected{
      {"open", "pending"},  {"pending", "open"}, {"open", "solved"},  {"pending", "solved"},
      {"open", "closed"},   {"pending", "closed"}, {"solved", "closed"},
      {"solved", "open"},   {"closed", "open"}};
  EXPECT_EQ(allowed, expected);
  EXPECT_TRUE(is_ticket_status("pending"));
  EXPECT_FALSE(is_ticket_status("archived"));
  EXPECT_TRUE(is_ticket_priority("urgent"));
  EXPECT_FALSE(is_ticket_priority("asap"));
}

// A version-3 file, as the previous release left it, keeps its tickets through the upgrade,
// which gives them empty fields and metadata, no assignee and no rating.
TEST(TicketSchema, AVersion3FileUpgradesWithItsTickets) {
  test::SdkTempDir dir;
  auto db = upgraded(dir, 3,
                     "INSERT INTO principals (id, kind, name, created_at) VALUES ('u-1', 'user', 'Ann', 1);"
                     "INSERT INTO tickets (client_id, user_id, subject, description, status, priority, "
                     "  category, created_at, updated_at) "
                     "  VALUES ('t1', 'u-1', 'Help', 'Please', 'solved', 'high', 'orders', 1, 2);");
  TicketRepository tickets(db);
  const auto ticket = tickets.find(1);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->subject, "Help");
  EXPECT_EQ(ticket->status, "solved");
  EXPECT_TRUE(ticket->fields.empty());
  EXPECT_TRUE(ticket->metadata.empty());
  EXPECT_FALSE(ticket->assignee);
  EXPECT_EQ(ticket->rating, 0);
  tickets.rate(1, 5, "thanks", 3);
  EXPECT_EQ(tickets.find(1)->rating, 5);
  EXPECT_EQ(tickets.find(1)->rating_comment, "thanks");
}

}  // namespace
}  // namespace parley::server
