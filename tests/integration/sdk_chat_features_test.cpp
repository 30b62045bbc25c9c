// The rest of a complete chat, through the real server: receipts and unread counts, edits and
// deletions, typing, agent assignment, cancel and retry, the cache-first history, background
// pauses, token refresh, and a store that outlives its server's database or its user.
#include <gtest/gtest.h>

#include <optional>

#include "../unit/sdk_temp_dir.hpp"
#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

struct Pair {
  explicit Pair(ServerProcess& server, const std::string& user_store = {})
      : user(sdk_config(server, server.mint_token("u-ann", "Ann"), user_store)),
        agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent"))) {}
  bool connected() const {
    return user.wait_state(ConnectionState::connected) && agent.wait_state(ConnectionState::connected);
  }
  SdkTestClient user;
  SdkTestClient agent;
};

// Sends a user message and waits for its acknowledgement; the message as stored.
Message send_ok(SdkTestClient& client, const std::string& text, const std::string& conversation,
                std::uint64_t tag) {
  client->send_message(text, conversation, tag);
  const auto sent = client.wait_for(reply_to(EventType::message_sent, tag));
  EXPECT_TRUE(sent && sent->error.ok()) << (sent ? sent->error.message : "no reply");
  return sent ? sent->messages.at(0) : Message{};
}

EventFilter conversation_change(const std::string& change) {
  return [change](const Event& e) {
    return e.type == EventType::conversation_updated && e.change == change;
  };
}

std::optional<Message> find_message(const std::vector<Message>& messages, const std::string& id) {
  for (const auto& m : messages) {
    if (m.id == id) return m;
  }
  return std::nullopt;
}

std::int64_t unread_in(SdkTestClient& client, const std::string& conversation) {
  for (const auto& c : client->cached_conversations()) {
    if (c.id == conversation) return c.unread_count;
  }
  return -1;
}

TEST(SdkChatFeatures, ReceiptsMoveOwnMessagesToDeliveredThenRead) {
  ServerProcess server;
  Pair p(server);
  ASSERT_TRUE(p.connected());
  const Message question = send_ok(p.user, "Where is my parcel?", {}, 1);
  const std::string conversation = question.conversation_id;

  // The agent's client says "delivered" by itself when the message arrives.
  ASSERT_TRUE(p.agent.wait_for(received_text("Where is my parcel?")));
  ASSERT_TRUE(wait_until([&] {
    const auto m = find_message(p.user->cached_messages(conversation), question.id);
    return m && m->state == DeliveryState::delivered;
  }));
  // Reading is the app's call.
  p.agent->mark_read(conversation);
  ASSERT_TRUE(wait_until([&] {
    const auto m = find_message(p.user->cached_messages(conversation), question.id);
    return m && m->state == DeliveryState::read;
  }));
  const auto update = p.user.wait_for([&](const Event& e) {
    return e.type == EventType::conversation_updated && !e.conversations.empty() &&
           e.conversations[0].agent_receipt.read_up_to == question.id;
  });
  ASSERT_TRUE(update);
  EXPECT_EQ(update->change, "receipts");
}

TEST(SdkChatFeatures, UnreadCountsDropWhenTheUserReadsEvenOffline) {
  ServerProcess server;
  Pair p(server);
  ASSERT_TRUE(p.connected());
  const std::string conversation = send_ok(p.user, "Hello", {}, 1).conversation_id;
  for (const char* text : {"one", "two", "three"}) p.agent->agent_reply(conversation, text);
  ASSERT_TRUE(p.user.wait_for(received_text("three")));
  EXPECT_EQ(unread_in(p.user, conversation), 3);

  server.stop();
  ASSERT_TRUE(p.user.wait_state(ConnectionState::disconnected));
  p.user->mark_read(conversation);
  EXPECT_EQ(unread_in(p.user, conversation), 0);  // at once, offline
  const auto read = p.user.wait_for(conversation_change("read"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->conversations.at(0).unread_count, 0);

  // The receipt waited in the store and reaches the agent's side once the link is back.
  server.start();
  ASSERT_TRUE(p.agent.wait_for([&](const Event& e) {
    return e.type == EventType::conversation_updated && !e.conversations.empty() &&
           !e.conversations[0].user_receipt.read_up_to.empty();
  }));
  EXPECT_EQ(unread_in(p.user, conversation), 0);
}

TEST(SdkChatFeatures, TheAuthorEditsAndDeletesAndTheOtherSideSeesIt) {
  ServerProcess server;
  Pair p(server);
  ASSERT_TRUE(p.connected());
  const Message m = send_ok(p.user, "my order is 1234", {}, 1);
  ASSERT_TRUE(p.agent.wait_for(received_text("my order is 1234")));

  p.user->edit_message(m.id, "my order is 1243", 2);
  const auto edited = p.user.wait_for(reply_to(EventType::message_edited, 2));
  ASSERT_TRUE(edited);
  ASSERT_TRUE(edited->error.ok()) << edited->error.message;
  EXPECT_EQ(edited->change, "edited");
  EXPECT_EQ(edited->messages.at(0).text, "my order is 1243");
  EXPECT_GT(edited->messages.at(0).edited_at, 0);
  const auto seen = p.agent.wait_for(of_type(EventType::message_updated));
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->change, "edited");
  EXPECT_EQ(seen->messages.at(0).id, m.id);
  EXPECT_EQ(seen->messages.at(0).text, "my order is 1243");

  p.user->delete_message(m.id, 3);
  const auto deleted = p.user.wait_for(reply_to(EventType::message_edited, 3));
  ASSERT_TRUE(deleted && deleted->error.ok());
  EXPECT_EQ(deleted->change, "deleted");
  ASSERT_TRUE(p.agent.wait_count(of_type(EventType::message_updated), 2));
  const auto cached = find_message(p.agent->cached_messages(m.conversation_id), m.id);
  ASSERT_TRUE(cached);
  EXPECT_TRUE(cached->deleted);
  EXPECT_EQ(cached->text, "");

  // Nobody edits another's message.
  p.agent->edit_message(m.id, "hijacked", 4);
  const auto refused = p.agent.wait_for(reply_to(EventType::message_edited, 4));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::forbidden);
  EXPECT_EQ(p.agent->outbox_size(), 0u);
}

TEST(SdkChatFeatures, TypingReachesTheOtherSideAndEndsWithTheMessage) {
  ServerProcess server;
  Pair p(server);
  ASSERT_TRUE(p.connected());
  const std::string conversation = send_ok(p.user, "Hi", {}, 1).conversation_id;

  for (int i = 0; i < 20; ++i) p.agent->set_typing(conversation, true);  // keystrokes
  const auto typing = p.user.wait_for(of_type(EventType::typing_changed));
  ASSERT_TRUE(typing);
  EXPECT_TRUE(typing->typing);
  EXPECT_EQ(typing->conversation_id, conversation);
  EXPECT_EQ(typing->principal.id, "a-bo");
  p.agent->agent_reply(conversation, "Here to help", 2);
  ASSERT_TRUE(p.user.wait_for(received_text("Here to help")));
  ASSERT_TRUE(p.user.wait_count(of_type(EventType::typing_changed), 2));
  const auto changes = p.user.events(of_type(EventType::typing_changed));
  EXPECT_FALSE(changes[1].typing);
  EXPECT_EQ(changes.size(), 2u);  // 20 keystrokes: one start, one end

  p.user->set_typing(conversation, true);
  p.user->set_typing(conversation, false);
  ASSERT_TRUE(p.agent.wait_count(of_type(EventType::typing_changed), 2));
  EXPECT_FALSE(p.agent.events(of_type(EventType::typing_changed))[1].typing);
}

TEST(SdkChatFeatures, AnAgentTakesTheConversationAndTheUserIsTold) {
  ServerProcess server;
  Pair p(server);
  ASSERT_TRUE(p.connected());
  const std::string conversation = send_ok(p.user, "Anyone there?", {}, 1).conversation_id;
  p.agent->agent_take(conversation, 2);
  const auto taken = p.agent.wait_for(reply_to(EventType::conversation_taken, 2));
  ASSERT_TRUE(taken && taken->error.ok());
  EXPECT_EQ(taken->conversations.at(0).assignee.id, "a-bo");
  const auto told = p.user.wait_for(conversation_change("assigned"));
  ASSERT_TRUE(told);
  EXPECT_EQ(told->conversations.at(0).assignee.name, "Bo");
  EXPECT_EQ(p.user->cached_conversations().at(0).assignee.id, "a-bo");
}

TEST(SdkChatFeatures, APendingMessageCanBeCancelledAndAFailedOneRetried) {
  ServerProcess server;
  server.stop();
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  const std::string cid = user->send_message("never mind");
  EXPECT_EQ(user->outbox_size(), 1u);
  EXPECT_EQ(user->cancel_message(cid), ErrorCode::ok);
  EXPECT_EQ(user->outbox_size(), 0u);
  EXPECT_TRUE(user->cached_messages("").empty());
  EXPECT_EQ(user->cancel_message(cid), ErrorCode::not_found);

  server.start();
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  // A conversation that does not exist: refused for good, kept as failed.
  const std::string failed = user->send_message("lost", "c-999999", 7);
  const auto refused = user.wait_for(reply_to(EventType::message_sent, 7));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::not_found);
  EXPECT_EQ(user->outbox_size(), 0u);
  ASSERT_EQ(user->cached_messages("c-999999").size(), 1u);
  EXPECT_EQ(user->cached_messages("c-999999")[0].state, DeliveryState::failed);
  EXPECT_EQ(user->retry_message(failed), ErrorCode::ok);
  ASSERT_TRUE(user.wait_count(reply_to(EventType::message_sent, 7), 2));  // refused again
  EXPECT_EQ(user->cancel_message(failed), ErrorCode::ok);
  EXPECT_TRUE(user->cached_messages("c-999999").empty());
  EXPECT_EQ(user->retry_message(failed), ErrorCode::not_found);
  // Nothing was ever stored for it: the server never saw "never mind".
  EXPECT_TRUE(user.events(received_text("never mind")).empty());
}

TEST(SdkChatFeatures, AWriteTooLargeForTheServersFrameFailsWithoutBeingSent) {
  ServerOptions options;
  options.extra_args = {"--max-frame-bytes", "3000", "--max-text-bytes", "2048"};
  ServerProcess server(options);
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  // Within the text limit, but every quote is escaped on the wire: 4000 bytes in the frame.
  user->send_message(std::string(2000, '"'), {}, 1);
  const auto refused = user.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::too_large);
  EXPECT_EQ(user->outbox_size(), 0u);
  // The link was not disturbed: the next write goes through.
  send_ok(user, "short", {}, 2);
}

TEST(SdkChatFeatures, HistoryPagesComeFromTheDeviceOnceFetched) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string store = dir.file("ann.db");
  const std::string token = server.mint_token("u-ann", "Ann");
  std::string conversation;
  std::vector<std::string> online_pages;
  {
    SdkTestClient user(sdk_config(server, token, store));
    ASSERT_TRUE(user.wait_state(ConnectionState::connected));
    conversation = send_ok(user, "m0", {}, 100).conversation_id;
    for (int i = 1; i < 7; ++i) send_ok(user, "m" + std::to_string(i), conversation, 100 + i);
    // Page back to the start: 3 + 3 + 1.
    std::string before;
    for (std::uint64_t tag = 1;; ++tag) {
      user->load_history(conversation, before, 3, tag);
      const auto page = user.wait_for(reply_to(EventType::history_loaded, tag));
      ASSERT_TRUE(page && page->error.ok());
      ASSERT_FALSE(page->messages.empty());
      for (const auto& m : page->messages) online_pages.push_back(m.text);
      before = page->messages.front().id;
      if (!page->has_more) break;
      ASSERT_LT(tag, 5u);
    }
  }
  EXPECT_EQ(online_pages, (std::vector<std::string>{"m4", "m5", "m6", "m1", "m2", "m3", "m0"}));

  server.stop();  // the same pages, offline, from the device
  SdkTestClient user(sdk_config(server, token, store));
  std::vector<std::string> offline_pages;
  std::string before;
  bool has_more = true;
  for (std::uint64_t tag = 1; has_more && tag < 5; ++tag) {
    user->load_history(conversation, before, 3, tag);
    const auto page = user.wait_for(reply_to(EventType::history_loaded, tag));
    ASSERT_TRUE(page && page->error.ok()) << (page ? page->error.message : "no reply");
    for (const auto& m : page->messages) offline_pages.push_back(m.text);
    before = page->messages.front().id;
    has_more = page->has_more;
  }
  EXPECT_EQ(offline_pages, online_pages);
  EXPECT_FALSE(has_more);
}

TEST(SdkChatFeatures, InTheBackgroundTheLinkStaysClosedAndWritesWait) {
  ServerProcess server;
  Pair p(server);
  ASSERT_TRUE(p.connected());
  const std::string conversation = send_ok(p.user, "before", {}, 1).conversation_id;

  const std::size_t mark = p.user.event_count();
  p.user->set_foreground(false);
  ASSERT_TRUE(p.user.wait_state(ConnectionState::disconnected, mark));
  p.user->send_message("while away", conversation, 2);
  p.user->network_changed();  // a network hint does not wake a backgrounded client
  EXPECT_EQ(p.user->outbox_size(), 1u);

  const std::size_t back = p.user.event_count();
  p.user->set_foreground(true);
  ASSERT_TRUE(p.user.wait_state(ConnectionState::connected, back));
  ASSERT_TRUE(p.agent.wait_for(received_text("while away")));
  // Between going away and coming back, the client did not try to connect.
  for (std::size_t i = mark; i < back; ++i) {
    const auto e = p.user.events().at(i);
    EXPECT_FALSE(e.type == EventType::connection_changed && e.connection != ConnectionState::disconnected);
  }
}

TEST(SdkChatFeatures, AnExpiringTokenIsRefreshedWithoutLosingQueuedWrites) {
  ServerProcess server;
  // Inside the refresh margin from the start: the app is asked at once.
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann", "user", 30)));
  const auto expiring = user.wait_for(of_type(EventType::token_expiring));
  ASSERT_TRUE(expiring);
  EXPECT_LE(expiring->count, 30);
  EXPECT_GT(expiring->count, 0);
  user->set_token(server.mint_token("u-ann", "Ann", "user", 3600));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  send_ok(user, "still here", {}, 1);
  EXPECT_EQ(user.events(of_type(EventType::token_expiring)).size(), 1u);
}

TEST(SdkChatFeatures, AReplacedServerDatabaseIsDetectedEvenWhenItCaughtUp) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string store = dir.file("ann.db");
  const std::string token = server.mint_token("u-ann", "Ann");
  {
    SdkTestClient user(sdk_config(server, token, store));
    ASSERT_TRUE(user.wait_state(ConnectionState::connected));
    send_ok(user, "old world", {}, 1);  // the store's seq is now 1
  }
  server.stop();
  std::remove(server.db_path().c_str());
  std::remove((server.db_path() + "-wal").c_str());
  std::remove((server.db_path() + "-shm").c_str());
  server.start();
  {
    // The same user on another device fills the new database past the old seq.
    SdkTestClient other_device(sdk_config(server, token));
    ASSERT_TRUE(other_device.wait_state(ConnectionState::connected));
    const std::string c = send_ok(other_device, "new 1", {}, 1).conversation_id;
    send_ok(other_device, "new 2", c, 2);
  }
  SdkTestClient user(sdk_config(server, token, store));
  ASSERT_TRUE(user.wait_for(of_type(EventType::resynced)));
  EXPECT_TRUE(user->cached_conversations().empty());  // the old world's view is gone
}

TEST(SdkChatFeatures, AWriteQueuedUnderANewUsersTokenGoesOutAsThatUser) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string store = dir.file("shared.db");
  {
    SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann"), store));
    ASSERT_TRUE(ann.wait_state(ConnectionState::connected));
    send_ok(ann, "from ann", {}, 1);
  }
  server.stop();
  // Another user signs in on the same device while offline and writes at once.
  SdkTestClient cy(sdk_config(server, server.mint_token("u-cy", "Cy"), store));
  cy->send_message("from cy", {}, 2);
  server.start();
  const auto sent = cy.wait_for(reply_to(EventType::message_sent, 2));
  ASSERT_TRUE(sent);
  ASSERT_TRUE(sent->error.ok()) << sent->error.message;
  EXPECT_EQ(sent->messages.at(0).author.id, "u-cy");
  EXPECT_TRUE(cy.wait_for(of_type(EventType::resynced)));  // Ann's view is not Cy's
}

}  // namespace
}  // namespace parley::test

namespace parley::test {
namespace {

EventFilter queue_change(const std::string& change) {
  return [change](const Event& e) {
    return e.type == EventType::conversation_updated && e.change == change;
  };
}

// The bot hands over what it cannot answer, a user asks for a person, and each waiting user
// sees their place in the queue, on the device too, and sees it move up.
TEST(SdkHandoff, WaitingUsersSeeTheirPlaceAndItMovesUp) {
  ServerOptions options;
  options.bot = true;
  ServerProcess server(options);
  SdkTestClient agent(sdk_config(server, server.mint_token("a-sam", "Sam", "agent")));
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient bo(sdk_config(server, server.mint_token("u-bo", "Bo")));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  ann->send_message("zebra xylophone quantum");  // nothing in the help center answers this
  const auto ann_queued = ann.wait_for(queue_change("queued"));
  ASSERT_TRUE(ann_queued);
  EXPECT_EQ(ann_queued->conversations.at(0).queue_position, 1);
  const std::string anns = ann_queued->conversations.at(0).id;

  bo->send_message("How do I get a refund for my order?");  // answered by the bot
  ASSERT_TRUE(bo.wait_for([](const Event& e) {
    return e.type == EventType::message_received && e.messages.at(0).author.kind == "bot";
  }));
  bo->request_agent({}, 3);
  const auto requested = bo.wait_for(reply_to(EventType::agent_requested, 3));
  ASSERT_TRUE(requested);
  ASSERT_TRUE(requested->error.ok()) << requested->error.message;
  EXPECT_EQ(requested->conversations.at(0).queue_position, 2);
  EXPECT_EQ(bo->cached_conversations().at(0).queue_position, 2);

  agent->agent_take(anns, 4);
  ASSERT_TRUE(agent.wait_for(reply_to(EventType::conversation_taken, 4)));
  const auto moved = bo.wait_for(queue_change("queue"));
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->conversations.at(0).queue_position, 1);
  EXPECT_EQ(bo->cached_conversations().at(0).queue_position, 1);
  const auto taken = ann.wait_for(queue_change("assigned"));
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->conversations.at(0).queue_position, 0);
  EXPECT_EQ(taken->conversations.at(0).assignee.name, "Sam");
  EXPECT_EQ(bo->outbox_size(), 0u);
}

}  // namespace
}  // namespace parley::test
