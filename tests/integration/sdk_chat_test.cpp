// Live chat through the real server: a user's message reaches an agent and the agent's reply
// reaches the user, each exactly once.
#include <gtest/gtest.h>

#include <map>

#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

std::map<std::string, int> received_by_id(const SdkTestClient& client) {
  std::map<std::string, int> counts;
  for (const auto& e : client.events(of_type(EventType::message_received))) {
    ++counts[e.messages.at(0).id];
  }
  return counts;
}

TEST(SdkChat, MessageAndReplyEachArriveExactlyOnce) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  const std::string question_cid = user->send_message("Hello, my order never came", {}, 11);
  const auto sent = user.wait_for(reply_to(EventType::message_sent, 11));
  ASSERT_TRUE(sent);
  ASSERT_TRUE(sent->error.ok()) << sent->error.message;
  EXPECT_EQ(sent->client_id, question_cid);
  const Message question = sent->messages.at(0);
  EXPECT_EQ(question.client_id, question_cid);
  EXPECT_FALSE(question.conversation_id.empty());

  const auto at_agent = agent.wait_for(received_text("Hello, my order never came"));
  ASSERT_TRUE(at_agent);
  EXPECT_EQ(at_agent->messages.at(0).id, question.id);
  EXPECT_EQ(at_agent->messages.at(0).author.id, "u-ann");

  agent->agent_reply(question.conversation_id, "Sorry! Let me check.", 22);
  const auto replied = agent.wait_for(reply_to(EventType::message_sent, 22));
  ASSERT_TRUE(replied);
  ASSERT_TRUE(replied->error.ok()) << replied->error.message;
  const auto at_user = user.wait_for(received_text("Sorry! Let me check."));
  ASSERT_TRUE(at_user);
  EXPECT_EQ(at_user->messages.at(0).author.kind, "agent");

  // A last round trip: events arrive in order, so any duplicate of the above is in by now.
  user->send_message("Thanks", question.conversation_id, 33);
  ASSERT_TRUE(agent.wait_for(received_text("Thanks")));
  agent->agent_reply(question.conversation_id, "Anytime", 44);
  ASSERT_TRUE(user.wait_for(received_text("Anytime")));
  ASSERT_TRUE(agent.wait_for(reply_to(EventType::message_sent, 44)));

  const auto user_seen = received_by_id(user);
  const auto agent_seen = received_by_id(agent);
  for (const auto& [id, count] : user_seen) EXPECT_EQ(count, 1) << id;
  for (const auto& [id, count] : agent_seen) EXPECT_EQ(count, 1) << id;
  // Nobody is told about their own message as if it were new.
  EXPECT_EQ(user_seen.count(question.id), 0u);
  EXPECT_EQ(agent_seen.count(replied->messages.at(0).id), 0u);
  EXPECT_EQ(user.events(of_type(EventType::message_sent)).size(), 2u);
  EXPECT_EQ(agent.events(of_type(EventType::message_sent)).size(), 2u);

  // The user's cache holds the conversation in order, nothing pending.
  const auto cached = user->cached_messages(question.conversation_id);
  std::vector<std::string> texts;
  for (const auto& m : cached) {
    texts.push_back(m.text);
    EXPECT_TRUE(stored_by_server(m)) << m.text;
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"Hello, my order never came", "Sorry! Let me check.",
                                             "Thanks", "Anytime"}));
  EXPECT_EQ(user->outbox_size(), 0u);
}

TEST(SdkChat, ReadsWhileOfflineAnswerDisconnectedAtOnce) {
  ServerProcess server;
  server.stop();
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  user->list_conversations(5);
  const auto reply = user.wait_for(reply_to(EventType::conversations_listed, 5));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->error.code, ErrorCode::disconnected);
}

TEST(SdkChat, InvalidArgumentsAreRefusedSynchronously) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  auto code_of = [](const std::function<void()>& call) {
    try {
      call();
    } catch (const Exception& e) {
      return e.code();
    }
    return ErrorCode::ok;
  };
  EXPECT_EQ(code_of([&] { user->send_message("   "); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { user->send_message("\xFF\xFE"); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { user->send_message(std::string(8193, 'x')); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { user->send_message("ok", "bad id!"); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { user->load_history("c-1", {}, 0); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { user->search_faq("refund", {}, 51); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { user->set_ticket_status("t-1", "done"); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { Client bad(Config{}); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] {
              Client bad(sdk_config(server, "token", "/nonexistent-dir/parley/client.db"));
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(user->outbox_size(), 0u);  // nothing refused was queued
}

TEST(SdkChat, AServerRefusalFailsTheWriteOnceAndFreesTheOutbox) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  user->send_message("into a conversation that does not exist", "c-999999", 8);
  const auto reply = user.wait_for(reply_to(EventType::message_sent, 8));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->error.code, ErrorCode::not_found) << reply->error.message;
  EXPECT_EQ(user->outbox_size(), 0u);
  const auto cached = user->cached_messages("c-999999");
  ASSERT_EQ(cached.size(), 1u);
  EXPECT_EQ(cached[0].state, DeliveryState::failed);
}

}  // namespace
}  // namespace parley::test
