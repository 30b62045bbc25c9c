// Server events and replies applied to the store: each new thing surfaces once, the echo of
// the client's own write does not, and a write's reply event comes exactly once.
#include <gtest/gtest.h>

#include "client/faq_library.hpp"
#include "client/faq_sync.hpp"
#include "client/replies.hpp"
#include "client/server_events.hpp"
#include "client/wire_values.hpp"
#include "sdk_outbox_entry.hpp"
#include "store/store.hpp"

namespace {

using parley::DeliveryState;
using parley::Error;
using parley::ErrorCode;
using parley::EventType;
using parley::client::apply_faq_sync;
using parley::client::apply_server_event;
using parley::client::complete_write;
using parley::client::fail_write;
using parley::client::WireValueError;
using parley::protocol::Json;
using parley::store::OutboxEntry;
using parley::store::Store;

using parley::test::outbox_entry;

Json message_json(const std::string& id, const std::string& client_id, const std::string& text) {
  return {{"id", id},
          {"client_id", client_id},
          {"conversation_id", "c-1"},
          {"author", {{"kind", "user"}, {"id", "u-1"}, {"name", "Ann"}}},
          {"text", text},
          {"created_at", 1000}};
}

Json ticket_json(const std::string& id, const std::string& client_id, const std::string& status) {
  return {{"id", id},         {"client_id", client_id}, {"user_id", "u-1"},
          {"subject", "Help"}, {"description", ""},      {"status", status},
          {"priority", "normal"}, {"category", ""},      {"created_at", 1},
          {"updated_at", 2}};
}

Json comment_json(const std::string& id, const std::string& client_id) {
  return {{"id", id},
          {"client_id", client_id},
          {"ticket_id", "t-1"},
          {"author", {{"kind", "agent"}, {"id", "a-1"}, {"name", "Bo"}}},
          {"text", "On it"},
          {"created_at", 5}};
}

parley::protocol::Event event(const std::string& name, Json data) {
  return parley::protocol::Event{1, name, std::move(data)};
}

void queue_chat_write(Store& store, const std::string& client_id, std::uint64_t tag) {
  store.outbox().append(outbox_entry(client_id, "chat.send", "{}", tag));
  parley::Message pending;
  pending.client_id = client_id;
  pending.conversation_id = "c-1";
  pending.text = "hello";
  pending.state = DeliveryState::pending;
  store.messages().add_pending(pending);
}

TEST(SdkServerEvents, ANewMessageIsReceivedOnce) {
  Store store("");
  const auto first = apply_server_event(store, event("message.new", {{"message", message_json("m-1", "x", "hi")}}));
  ASSERT_EQ(first.events.size(), 1u);
  EXPECT_EQ(first.events[0].type, EventType::message_received);
  EXPECT_EQ(first.events[0].messages.at(0).id, "m-1");
  const auto again = apply_server_event(store, event("message.new", {{"message", message_json("m-1", "x", "hi")}}));
  EXPECT_TRUE(again.events.empty());
}

TEST(SdkServerEvents, TheEchoOfTheClientsOwnMessageIsNotReceived) {
  Store store("");
  queue_chat_write(store, "mine", 3);
  const auto applied = apply_server_event(store, event("message.new", {{"message", message_json("m-4", "mine", "hello")}}));
  EXPECT_TRUE(applied.events.empty());
  const auto messages = store.messages().conversation("c-1");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].id, "m-4");
  EXPECT_EQ(messages[0].state, DeliveryState::sent);
}

TEST(SdkServerEvents, TicketUpdatesSurfaceOncePerState) {
  Store store("");
  auto updated = [&](const std::string& status, const char* change) {
    return apply_server_event(store, event("ticket.updated", {{"ticket", ticket_json("t-1", "other", status)}, {"change", change}}));
  };
  auto created = updated("open", "created");
  ASSERT_EQ(created.events.size(), 1u);
  EXPECT_EQ(created.events[0].type, EventType::ticket_updated);
  EXPECT_EQ(created.events[0].change, "created");
  EXPECT_TRUE(updated("open", "created").events.empty());
  auto pending = updated("pending", "status");
  ASSERT_EQ(pending.events.size(), 1u);
  EXPECT_EQ(pending.events[0].tickets.at(0).status, "pending");
  EXPECT_EQ(pending.events[0].change, "status");
}

TEST(SdkServerEvents, TheEchoOfTheClientsOwnTicketIsNotNews) {
  Store store("");
  store.outbox().append(outbox_entry("my-ticket", "ticket.create", "{}", 0));
  const auto applied = apply_server_event(store, event("ticket.updated", {{"ticket", ticket_json("t-1", "my-ticket", "open")}, {"change", "created"}}));
  EXPECT_TRUE(applied.events.empty());
  EXPECT_TRUE(store.tickets().ticket("t-1"));  // stored all the same
}

TEST(SdkServerEvents, CommentsSurfaceOnceAndNotForOwnWrites) {
  Store store("");
  const auto first = apply_server_event(store, event("ticket.comment", {{"comment", comment_json("tc-1", "theirs")}}));
  ASSERT_EQ(first.events.size(), 1u);
  EXPECT_EQ(first.events[0].type, EventType::ticket_comment);
  EXPECT_TRUE(apply_server_event(store, event("ticket.comment", {{"comment", comment_json("tc-1", "theirs")}})).events.empty());
  store.outbox().append(outbox_entry("mine", "ticket.comment", "{}", 0));
  EXPECT_TRUE(apply_server_event(store, event("ticket.comment", {{"comment", comment_json("tc-2", "mine")}})).events.empty());
}

TEST(SdkServerEvents, FaqChangedReportsTheNewVersion) {
  Store store("");
  const auto applied = apply_server_event(store, event("faq.changed", {{"version", 8}}));
  EXPECT_TRUE(applied.events.empty());
  EXPECT_EQ(applied.faq_version, 8);
}

TEST(SdkServerEvents, UnknownEventsChangeNothing) {
  Store store("");
  const auto applied = apply_server_event(store, event("presence.changed", {{"who", "a-1"}}));
  EXPECT_TRUE(applied.events.empty());
  EXPECT_FALSE(applied.faq_version);
}

TEST(SdkServerEvents, AMalformedEventThrowsAndStoresNothing) {
  Store store("");
  Json bad = message_json("m-1", "x", "hi");
  bad["text"] = 42;
  EXPECT_THROW(apply_server_event(store, event("message.new", {{"message", bad}})), WireValueError);
  EXPECT_THROW(apply_server_event(store, event("message.new", {{"message", "not an object"}})), WireValueError);
  EXPECT_THROW(apply_server_event(store, event("ticket.updated", Json::object())), WireValueError);
}

TEST(SdkReplies, AnAcknowledgedWriteRepliesOnceWithItsTag) {
  Store store("");
  queue_chat_write(store, "mine", 77);
  const Json result{{"message", message_json("m-4", "mine", "hello")}};
  const auto reply = complete_write(store, "mine", result);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->type, EventType::message_sent);
  EXPECT_EQ(reply->tag, 77u);
  EXPECT_EQ(reply->client_id, "mine");
  EXPECT_TRUE(reply->error.ok());
  EXPECT_EQ(reply->messages.at(0).id, "m-4");
  EXPECT_EQ(store.outbox().size(), 0u);
  EXPECT_EQ(store.messages().conversation("c-1").at(0).state, DeliveryState::sent);
  // A second acknowledgement of the same write (a resend's) gives no second reply.
  EXPECT_FALSE(complete_write(store, "mine", result));
}

TEST(SdkReplies, AMalformedAcknowledgementKeepsTheWrite) {
  Store store("");
  queue_chat_write(store, "mine", 1);
  EXPECT_THROW(complete_write(store, "mine", Json{{"message", 5}}), WireValueError);
  EXPECT_EQ(store.outbox().size(), 1u);
}

TEST(SdkReplies, ARefusedWriteFailsOnceAndLeavesTheOutbox) {
  Store store("");
  queue_chat_write(store, "mine", 5);
  const auto reply = fail_write(store, "mine", Error{ErrorCode::too_large, "too long"});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->type, EventType::message_sent);
  EXPECT_EQ(reply->error.code, ErrorCode::too_large);
  EXPECT_EQ(reply->tag, 5u);
  EXPECT_EQ(store.outbox().size(), 0u);
  EXPECT_EQ(store.messages().conversation("c-1").at(0).state, DeliveryState::failed);
  EXPECT_FALSE(fail_write(store, "mine", Error{ErrorCode::too_large, "too long"}));
}

TEST(SdkReplies, TicketAndCommentWritesReplyWithTheirObjects) {
  Store store("");
  store.outbox().append(outbox_entry("tk", "ticket.create", "{}", 1));
  store.outbox().append(outbox_entry("cm", "ticket.comment", "{}", 2));
  const auto created = complete_write(store, "tk", Json{{"ticket", ticket_json("t-1", "tk", "open")}});
  ASSERT_TRUE(created);
  EXPECT_EQ(created->type, EventType::ticket_created);
  EXPECT_EQ(created->tickets.at(0).id, "t-1");
  const auto added = complete_write(store, "cm", Json{{"comment", comment_json("tc-1", "cm")}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->type, EventType::comment_added);
  EXPECT_EQ(store.tickets().comments("t-1").size(), 1u);
}

Json article_json(const std::string& id, const std::string& title, std::int64_t version) {
  return {{"id", id},       {"locale", "en"}, {"category", "billing"}, {"title", title},
          {"body", "Body"}, {"tags", Json::array({"money"})}, {"version", version}};
}

TEST(SdkFaqSync, StoresArticlesIndexesThemAndMovesTheVersion) {
  Store store("");
  parley::client::FaqLibrary library;
  const auto synced = apply_faq_sync(store, library, 0, Json{{"articles", {article_json("a-1", "Refunds", 1), article_json("a-2", "Passwords", 2)}}, {"deleted", Json::array()}, {"version", 2}});
  EXPECT_EQ(synced.type, EventType::faq_synced);
  EXPECT_EQ(synced.count, 2);
  EXPECT_EQ(synced.version, 2);
  EXPECT_EQ(store.meta().faq_version(), 2);
  EXPECT_EQ(library.size(), 2u);

  const auto delta = apply_faq_sync(store, library, 2, Json{{"articles", {article_json("a-3", "Shipping", 3)}}, {"deleted", {"a-1"}}, {"version", 3}});
  EXPECT_EQ(delta.count, 2);
  EXPECT_EQ(store.articles().all().size(), 2u);
  EXPECT_EQ(library.size(), 2u);
  EXPECT_TRUE(library.search("refunds", "", 10).empty());
  EXPECT_EQ(library.search("shipping", "", 10).size(), 1u);
}

TEST(SdkFaqSync, AnOlderVersionThanAskedReplacesEverything) {
  Store store("");
  parley::client::FaqLibrary library;
  apply_faq_sync(store, library, 0, Json{{"articles", {article_json("a-1", "Refunds", 9)}}, {"version", 9}});
  // The server's catalogue was reset: it answers from scratch with a lower version.
  apply_faq_sync(store, library, 9, Json{{"articles", {article_json("b-1", "Passwords", 1)}}, {"version", 1}});
  const auto articles = store.articles().all();
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].id, "b-1");
  EXPECT_EQ(library.size(), 1u);
  EXPECT_EQ(store.meta().faq_version(), 1);
}

}  // namespace
