// Recovery through the real server: writes made while it is down, a SIGKILL mid-conversation,
// and an app restart on a file store. Nothing is lost, nothing is seen twice, order holds.
#include <gtest/gtest.h>

#include <map>

#include "../support/log_sync_probe.hpp"
#include "../unit/sdk_temp_dir.hpp"
#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

// Texts of the messages this client was told about, in the order it was told.
std::vector<std::string> received_texts(const SdkTestClient& client, char prefix) {
  std::vector<std::string> texts;
  for (const auto& e : client.events(of_type(EventType::message_received))) {
    const auto& text = e.messages.at(0).text;
    if (!text.empty() && text[0] == prefix) texts.push_back(text);
  }
  return texts;
}

std::map<std::uint64_t, int> sent_tags(const SdkTestClient& client) {
  std::map<std::uint64_t, int> tags;
  for (const auto& e : client.events(of_type(EventType::message_sent))) {
    EXPECT_TRUE(e.error.ok()) << e.error.message;
    ++tags[e.tag];
  }
  return tags;
}

ServerOptions fast_heartbeat() {
  ServerOptions options;
  options.extra_args = {"--heartbeat-ms", "500"};
  return options;
}

TEST(SdkRecovery, AMessageWrittenWhileTheServerIsDownIsDeliveredOnce) {
  ServerProcess server(fast_heartbeat());
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  const std::size_t user_mark = user.event_count();
  const std::size_t agent_mark = agent.event_count();
  server.stop();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, user_mark));
  ASSERT_TRUE(agent.wait_state(ConnectionState::disconnected, agent_mark));

  const std::string client_id = user->send_message("written offline", {}, 5);
  EXPECT_EQ(user->outbox_size(), 1u);
  const auto pending = user->cached_messages({});  // no conversation yet
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].client_id, client_id);
  EXPECT_EQ(pending[0].state, DeliveryState::pending);

  server.start();
  const auto sent = user.wait_for(reply_to(EventType::message_sent, 5));
  ASSERT_TRUE(sent);
  ASSERT_TRUE(sent->error.ok()) << sent->error.message;
  const std::string conversation = sent->messages.at(0).conversation_id;
  ASSERT_TRUE(agent.wait_for(received_text("written offline")));

  user->send_message("marker", conversation, 6);
  ASSERT_TRUE(agent.wait_for(received_text("marker")));
  ASSERT_TRUE(user.wait_for(reply_to(EventType::message_sent, 6)));
  EXPECT_EQ(agent.events(received_text("written offline")).size(), 1u);
  EXPECT_EQ(sent_tags(user), (std::map<std::uint64_t, int>{{5, 1}, {6, 1}}));
  EXPECT_EQ(user->outbox_size(), 0u);
  EXPECT_TRUE(user->cached_messages({}).empty());
  const auto cached = user->cached_messages(conversation);
  ASSERT_EQ(cached.size(), 2u);
  EXPECT_EQ(cached[0].text, "written offline");
  EXPECT_TRUE(stored_by_server(cached[0]));
}

TEST(SdkRecovery, ASigkilledServerLosesNothingAndDuplicatesNothing) {
  ServerProcess server(fast_heartbeat());
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  user->send_message("u00", {}, 1000);
  const auto opened = user.wait_for(reply_to(EventType::message_sent, 1000));
  ASSERT_TRUE(opened && opened->error.ok());
  const std::string conversation = opened->messages.at(0).conversation_id;
  ASSERT_TRUE(agent.wait_for(received_text("u00")));

  // Both sides write without waiting; the server dies with writes in flight both ways.
  constexpr int kRounds = 12;
  std::vector<std::string> user_texts{"u00"};
  std::vector<std::string> agent_texts;
  auto text = [](char who, int i) { return who + std::string(i < 10 ? "0" : "") + std::to_string(i); };
  for (int i = 1; i <= kRounds; ++i) {
    user_texts.push_back(text('u', i));
    agent_texts.push_back(text('a', i));
    user->send_message(user_texts.back(), conversation, 1000 + static_cast<std::uint64_t>(i));
    agent->agent_reply(conversation, agent_texts.back(), 2000 + static_cast<std::uint64_t>(i));
    if (i == kRounds / 2) server.kill();
  }
  server.start();

  ASSERT_TRUE(wait_until([&] { return received_texts(agent, 'u').size() >= user_texts.size(); },
                         std::chrono::seconds(20)));
  ASSERT_TRUE(wait_until([&] { return received_texts(user, 'a').size() >= agent_texts.size(); },
                         std::chrono::seconds(20)));
  // A last round trip each way: anything duplicated would have arrived before it.
  user->send_message("u99", conversation, 1099);
  agent->agent_reply(conversation, "a99", 2099);
  ASSERT_TRUE(agent.wait_for(received_text("u99")));
  ASSERT_TRUE(user.wait_for(received_text("a99")));
  ASSERT_TRUE(user.wait_for(reply_to(EventType::message_sent, 1099)));
  ASSERT_TRUE(agent.wait_for(reply_to(EventType::message_sent, 2099)));
  user_texts.push_back("u99");
  agent_texts.push_back("a99");

  EXPECT_EQ(received_texts(agent, 'u'), user_texts);   // each once, in the order written
  EXPECT_EQ(received_texts(user, 'a'), agent_texts);
  EXPECT_TRUE(received_texts(user, 'u').empty());      // own messages are not "received"
  EXPECT_TRUE(received_texts(agent, 'a').empty());
  for (const auto& [tag, count] : sent_tags(user)) EXPECT_EQ(count, 1) << tag;
  for (const auto& [tag, count] : sent_tags(agent)) EXPECT_EQ(count, 1) << tag;
  EXPECT_EQ(sent_tags(user).size(), user_texts.size());
  EXPECT_EQ(sent_tags(agent).size(), agent_texts.size());
  EXPECT_EQ(user->outbox_size(), 0u);
  EXPECT_EQ(agent->outbox_size(), 0u);

  // The user's cache: every message once, nothing pending, each side's order kept.
  std::vector<std::string> cached_user, cached_agent;
  for (const auto& m : user->cached_messages(conversation)) {
    EXPECT_TRUE(stored_by_server(m)) << m.text;
    (m.text[0] == 'u' ? cached_user : cached_agent).push_back(m.text);
  }
  EXPECT_EQ(cached_user, user_texts);
  EXPECT_EQ(cached_agent, agent_texts);
}

TEST(SdkRecovery, AReopenedFileStoreShowsHistoryOfflineAndResumesWithoutReplay) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string store = dir.file("ann.db");
  const std::string token = server.mint_token("u-ann", "Ann");
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  std::string conversation;
  {
    SdkTestClient user(sdk_config(server, token, store));
    ASSERT_TRUE(user.wait_state(ConnectionState::connected));
    user->send_message("first", {}, 1);
    const auto sent = user.wait_for(reply_to(EventType::message_sent, 1));
    ASSERT_TRUE(sent && sent->error.ok());
    conversation = sent->messages.at(0).conversation_id;
    agent->agent_reply(conversation, "second", 2);
    ASSERT_TRUE(user.wait_for(received_text("second")));
  }

  server.stop();  // the app starts again with no server to talk to
  SdkTestClient user(sdk_config(server, token, store));
  std::vector<std::string> texts;
  for (const auto& m : user->cached_messages(conversation)) texts.push_back(m.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"first", "second"}));

  server.start();
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  agent->agent_reply(conversation, "third", 3);
  ASSERT_TRUE(user.wait_for(received_text("third")));
  // The server replays from the stored seq: the old messages are not news again.
  const auto received = user.events(of_type(EventType::message_received));
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].messages.at(0).text, "third");
  EXPECT_TRUE(user.events(of_type(EventType::resynced)).empty());
}

// A user whose store is on a disk the test watches (and may hold), and an agent in memory,
// both connected.
class SdkOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(user.wait_state(ConnectionState::connected));
    ASSERT_TRUE(agent.wait_state(ConnectionState::connected));
  }

  ServerProcess server;
  SdkTempDir dir;
  LogSyncProbe disk;
  SdkTestClient user{sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db"))};
  SdkTestClient agent{sdk_config(server, server.mint_token("a-bo", "Bo", "agent"))};
};

// What the device alone holds, a new write, is flushed to the disk (the app's call does not
// wait for it); what the server could replay, received messages, is not flushed one by one.
TEST_F(SdkOnDisk, NewWritesAndOnlyThemAreFlushedToTheDisk) {
  int before = disk.count();
  user->send_message("online", {}, 1);
  const auto sent = user.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(sent && sent->error.ok());
  EXPECT_TRUE(wait_until([&] { return disk.count() > before; }));
  const std::string conversation = sent->messages.at(0).conversation_id;

  before = disk.count();
  for (int i = 0; i < 5; ++i) agent->agent_reply(conversation, "reply " + std::to_string(i), 10 + i);
  ASSERT_TRUE(user.wait_for(received_text("reply 4")));
  EXPECT_EQ(disk.count(), before);

  const std::size_t mark = user.event_count();
  server.stop();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, mark));
  before = disk.count();
  user->send_message("offline", conversation, 2);
  EXPECT_TRUE(wait_until([&] { return disk.count() > before; }));  // nothing to send: at once
}

// The disk's flushes happen beside the client, never in its way: while every flush is held,
// the app's calls return, writes are sent and acknowledged, and messages arrive — online and
// offline. Once the disk answers, one more flush covers every write made meanwhile.
TEST_F(SdkOnDisk, NeitherTheAppNorTheClientWaitsForTheDisk) {
  const int before = disk.count();
  user->send_message("hello", {}, 1);
  const auto first = user.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(first && first->error.ok());
  const std::string conversation = first->messages.at(0).conversation_id;
  ASSERT_TRUE(wait_until([&] { return disk.count() > before; }));  // the disk is idle again

  disk.hold();
  int flushed = disk.count();
  {
    AppThread online(disk, [&] {
      user->send_message("one", conversation, 2);
      EXPECT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // "one"'s flush, held
      user->send_message("two", conversation, 3);
    });
    ASSERT_TRUE(online.returned_within(std::chrono::seconds(10)));
    EXPECT_EQ(disk.waiting(), 1);
    EXPECT_TRUE(user.wait_for(reply_to(EventType::message_sent, 3)));
    agent->agent_reply(conversation, "answer", 20);
    EXPECT_TRUE(user.wait_for(received_text("answer")));
  }  // lets the disk go: the held flush ends, and one more covers "two"
  EXPECT_TRUE(wait_until([&] { return disk.count() == flushed + 2 && disk.waiting() == 0; }));

  const std::size_t mark = user.event_count();
  server.stop();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, mark));
  disk.hold();
  flushed = disk.count();
  {
    AppThread offline(disk, [&] { user->send_message("offline", conversation, 4); });
    ASSERT_TRUE(offline.returned_within(std::chrono::seconds(10)));
    EXPECT_EQ(user->cached_messages(conversation).back().text, "offline");
    EXPECT_TRUE(wait_until([&] { return disk.waiting() == 1; }));  // its flush, held
  }
  EXPECT_TRUE(wait_until([&] { return disk.count() == flushed + 1 && disk.waiting() == 0; }));
}

// A disk that fails the store's flushes is told to the app, once however many writes follow,
// and so is its recovery; meanwhile writes are still sent and acknowledged (the server's copy
// is the one that survives a power loss then).
TEST_F(SdkOnDisk, TheAppHearsWhenTheDiskFailsTheStoresFlushesAndWhenItWorksAgain) {
  const auto health = of_type(EventType::store_health_changed);
  disk.fail(LogSyncProbe::Failing::logs);
  user->send_message("one", {}, 1);
  const auto failing = user.wait_for(health);
  ASSERT_TRUE(failing);
  EXPECT_EQ(failing->error.code, ErrorCode::internal);
  EXPECT_NE(failing->error.message.find("could not flush new writes"), std::string::npos)
      << failing->error.message;
  const auto sent = user.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(sent && sent->error.ok());
  const std::string conversation = sent->messages.at(0).conversation_id;
  user->send_message("two", conversation, 2);
  ASSERT_TRUE(user.wait_for(reply_to(EventType::message_sent, 2)));
  ASSERT_TRUE(agent.wait_for(received_text("two")));

  disk.fail(LogSyncProbe::Failing::none);
  user->send_message("three", conversation, 3);
  ASSERT_TRUE(user.wait_count(health, 2));
  ASSERT_TRUE(user.wait_for(reply_to(EventType::message_sent, 3)));
  const auto told = user.events(health);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_TRUE(told[1].error.ok());
}

}  // namespace
}  // namespace parley::test
