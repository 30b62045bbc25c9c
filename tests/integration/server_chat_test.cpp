// parley-server chat: conversations, messages, events to the user's sessions and to agents,
// deduplication by client_id, history paging, visibility, kinds, and the FAQ bot.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::test {
namespace {

Json send_message(RawWsClient& client, const std::string& client_id, const std::string& text,
                  const std::string& conversation_id = "") {
  Json args{{"client_id", client_id}, {"text", text}};
  if (!conversation_id.empty()) args["conversation_id"] = conversation_id;
  return client.request("chat.send", args);
}

TEST(ServerChat, SendCreatesTheConversationAndReachesEverySessionAndAgents) {
  ServerProcess server;
  auto agent = connect_as(server, "a-1", "agent");
  auto phone = connect_as(server, "u-1");
  auto laptop = connect_as(server, "u-1");
  auto stranger = connect_as(server, "u-2");

  const Json reply = send_message(*phone, "m-client-1", "Where is my order?");
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  const Json& message = reply["result"]["message"];
  EXPECT_EQ(message["text"], "Where is my order?");
  EXPECT_EQ(message["client_id"], "m-client-1");
  EXPECT_EQ(message["author"], (Json{{"kind", "user"}, {"id", "u-1"}, {"name", "u-1 name"}}));
  EXPECT_EQ(message["conversation_id"].get<std::string>().rfind("c-", 0), 0u);
  EXPECT_EQ(message["id"].get<std::string>().rfind("m-", 0), 0u);

  for (auto* client : {phone.get(), laptop.get(), agent.get()}) {
    const auto events = events_so_far(*client);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["name"], "message.new");
    // The user's first event; the agents' feed's next (it told of the FAQ at start-up).
    EXPECT_EQ(events[0]["seq"], client == agent.get() ? 2 : 1);
    EXPECT_EQ(events[0]["data"]["message"], message);
  }
  EXPECT_TRUE(events_so_far(*stranger).empty());
}

// Every agent reads one event log, the agents' feed: a change is stored once for all of them
// (not once per agent), a new agent starts from the current state, and an agent that was away
// is replayed what it missed.
TEST(ServerChat, AllAgentsReadOneFeed) {
  ServerProcess server;
  std::vector<std::unique_ptr<RawWsClient>> agents;
  for (const char* id : {"a-1", "a-2", "a-3"}) agents.push_back(connect_as(server, id, "agent"));
  auto user = connect_as(server, "u-1");
  ASSERT_TRUE(is_res(send_message(*user, "m1", "one")));
  std::uint64_t seq = 0;
  for (auto& agent : agents) {
    const auto events = events_so_far(*agent);
    ASSERT_EQ(events.size(), 1u);
    if (seq == 0) seq = events[0]["seq"];
    EXPECT_EQ(events[0]["seq"], seq);  // one log, one seq
  }
  {
    sqlite::Database db(server.db_path());
    auto st = db.prepare("SELECT count(*) FROM events WHERE name = 'message.new'");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_int(0), 2);  // the user's log and the feed, however many agents
  }

  // a-3 goes away; two messages later it comes back from its cursor and gets just those.
  agents.pop_back();
  ASSERT_TRUE(is_res(send_message(*user, "m2", "two")));
  ASSERT_TRUE(is_res(send_message(*user, "m3", "three")));
  auto back = connect_as(server, "a-3", "agent", seq);
  const auto missed = events_so_far(*back);
  ASSERT_EQ(missed.size(), 2u);
  EXPECT_EQ(missed[0]["seq"], seq + 1);
  EXPECT_EQ(missed[0]["data"]["message"]["text"], "two");
  EXPECT_EQ(missed[1]["seq"], seq + 2);

  // A new agent (or a new device) has applied nothing: it is told to load the current state
  // (resync) rather than replayed every agent's history, and goes on from the feed's latest.
  RawWsClient fresh;
  ASSERT_TRUE(fresh.connect(server.url()));
  const Json welcome = fresh.hello(server.mint_token("a-4", "Dee", "agent"));
  ASSERT_TRUE(is_res(welcome)) << welcome.dump();
  EXPECT_TRUE(welcome["result"]["resync"].get<bool>());
  EXPECT_EQ(welcome["result"]["latest_seq"], seq + 2);
  EXPECT_TRUE(events_so_far(fresh).empty());
  ASSERT_TRUE(is_res(send_message(*user, "m4", "four")));
  const auto live = events_so_far(fresh);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0]["seq"], seq + 3);
}

TEST(ServerChat, RepeatedClientIdReturnsTheSameMessageAndNoNewEvent) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  const Json first = send_message(*client, "dup-1", "hello");
  const Json again = send_message(*client, "dup-1", "hello");
  ASSERT_TRUE(is_res(first));
  ASSERT_TRUE(is_res(again));
  EXPECT_EQ(first["result"], again["result"]);
  EXPECT_EQ(events_so_far(*client).size(), 1u);
  // Another user may use the same client_id: it is unique per principal only.
  auto other = connect_as(server, "u-2");
  const Json theirs = send_message(*other, "dup-1", "hello");
  ASSERT_TRUE(is_res(theirs));
  EXPECT_NE(theirs["result"]["message"]["id"], first["result"]["message"]["id"]);
}

TEST(ServerChat, MessagesGoToTheOpenConversationAndHistoryPages) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  std::string conversation;
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const Json reply = send_message(*client, "h-" + std::to_string(i), "text " + std::to_string(i));
    ASSERT_TRUE(is_res(reply)) << reply.dump();
    const Json& m = reply["result"]["message"];
    if (conversation.empty()) conversation = m["conversation_id"];
    EXPECT_EQ(m["conversation_id"], conversation);
    ids.push_back(m["id"]);
  }
  Json page = client->request("chat.history", {{"conversation_id", conversation}, {"limit", 2}});
  ASSERT_TRUE(is_res(page)) << page.dump();
  ASSERT_EQ(page["result"]["messages"].size(), 2u);
  EXPECT_EQ(page["result"]["messages"][0]["id"], ids[3]);  // oldest first
  EXPECT_EQ(page["result"]["messages"][1]["id"], ids[4]);
  EXPECT_TRUE(page["result"]["has_more"]);

  page = client->request("chat.history",
                         {{"conversation_id", conversation}, {"before", ids[3]}, {"limit", 10}});
  ASSERT_EQ(page["result"]["messages"].size(), 3u);
  EXPECT_EQ(page["result"]["messages"][0]["id"], ids[0]);
  EXPECT_FALSE(page["result"]["has_more"]);

  const Json list = client->request("chat.conversations");
  ASSERT_EQ(list["result"]["conversations"].size(), 1u);
  EXPECT_EQ(list["result"]["conversations"][0]["id"], conversation);
  EXPECT_EQ(list["result"]["conversations"][0]["status"], "open");
  EXPECT_EQ(list["result"]["conversations"][0]["last_message"]["id"], ids[4]);
}

TEST(ServerChat, AnotherUsersConversationIsNotFound) {
  ServerProcess server;
  auto owner = connect_as(server, "u-1");
  auto other = connect_as(server, "u-2");
  const std::string conversation =
      send_message(*owner, "x-1", "mine")["result"]["message"]["conversation_id"];
  EXPECT_EQ(error_code(other->request("chat.history", {{"conversation_id", conversation}})), "not_found");
  EXPECT_EQ(error_code(send_message(*other, "x-2", "yours?", conversation)), "not_found");
  EXPECT_EQ(error_code(other->request("chat.history", {{"conversation_id", "c-999"}})), "not_found");
  EXPECT_EQ(error_code(other->request("chat.history", {{"conversation_id", "zz"}})), "not_found");
  EXPECT_EQ(other->request("chat.conversations")["result"]["conversations"].size(), 0u);
}

TEST(ServerChat, AgentRepliesAndTheUserGetsIt) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const std::string conversation =
      send_message(*user, "q-1", "help")["result"]["message"]["conversation_id"];
  events_so_far(*user);

  const Json queue = agent->request("agent.queue");
  ASSERT_TRUE(is_res(queue)) << queue.dump();
  ASSERT_EQ(queue["result"]["conversations"].size(), 1u);
  EXPECT_EQ(queue["result"]["conversations"][0]["id"], conversation);

  const Json reply = agent->request(
      "agent.reply", {{"client_id", "r-1"}, {"conversation_id", conversation}, {"text", "On it"}});
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  EXPECT_EQ(reply["result"]["message"]["author"]["kind"], "agent");
  // The first reply also assigns the conversation (server_chat_features_test has the details).
  const auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["name"], "conversation.updated");
  EXPECT_EQ(events[1]["data"]["message"], reply["result"]["message"]);
  EXPECT_EQ(events[1]["seq"], 3);

  // Agents see every conversation's history.
  const Json history = agent->request("chat.history", {{"conversation_id", conversation}});
  EXPECT_EQ(history["result"]["messages"].size(), 2u);
}

TEST(ServerChat, WrongKindIsForbidden) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  EXPECT_EQ(error_code(user->request("agent.queue")), "forbidden");
  EXPECT_EQ(error_code(user->request("agent.reply", {{"client_id", "r"}, {"conversation_id", "c-1"},
                                                     {"text", "hi"}})),
            "forbidden");
  EXPECT_EQ(error_code(agent->request("chat.send", {{"client_id", "s"}, {"text", "hi"}})), "forbidden");
}

TEST(ServerChat, BotAnswersTheFirstMessageFromTheFaq) {
  ServerProcess server(with_bot());
  auto user = connect_as(server, "u-1");
  const Json sent = send_message(*user, "b-1", "How do I get a refund for my order?");
  ASSERT_TRUE(is_res(sent)) << sent.dump();
  auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 2u);
  const Json& bot = events[1]["data"]["message"];
  EXPECT_EQ(bot["author"], (Json{{"kind", "bot"}, {"id", "bot"}, {"name", "Parley Bot"}}));
  EXPECT_EQ(bot["conversation_id"], sent["result"]["message"]["conversation_id"]);
  EXPECT_EQ(bot["text"].get<std::string>().rfind("How do I get a refund?", 0), 0u) << bot.dump();

  // Only the first user message of a conversation is answered; the next waits for a person.
  send_message(*user, "b-2", "thanks");
  events = events_so_far(*user);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["name"], "message.new");
  EXPECT_EQ(events[1]["data"]["change"], "queued");
}

TEST(ServerChat, BotAnswersInTheUsersLocale) {
  ServerProcess server(with_bot());
  auto user = connect_as(server, "u-ko", "user", 0, "ko-KR");
  ASSERT_TRUE(is_res(send_message(*user, "k-1", "환불 받고 싶어요")));
  const auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1]["data"]["message"]["text"].get<std::string>().rfind("환불은 어떻게 받나요?", 0), 0u)
      << events[1].dump();
}

TEST(ServerChat, BotSaysAPersonWillReplyWhenTheFaqHasNothing) {
  ServerProcess server(with_bot());
  auto user = connect_as(server, "u-1");
  ASSERT_TRUE(is_res(send_message(*user, "n-1", "zebra xylophone quantum")));
  const auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 3u);  // the question, the bot's answer, and the wait for a person
  const std::string no_answer =
      "I couldn't find an answer in our help center \xE2\x80\x94 a support agent will reply here soon.";
  EXPECT_EQ(events[1]["data"]["message"]["text"], no_answer);
  EXPECT_EQ(events[2]["name"], "conversation.updated");
  EXPECT_EQ(events[2]["data"]["change"], "queued");

  // A message that shares a word with an article but is about something else is not answered
  // with it: the bot answers only with an article that answers a fair share of the message.
  auto other = connect_as(server, "u-2");
  ASSERT_TRUE(is_res(send_message(*other, "n-2", "The zipper of the jacket I ordered broke on the first day")));
  const auto answered = events_so_far(*other);
  ASSERT_EQ(answered.size(), 3u);
  EXPECT_EQ(answered[1]["data"]["message"]["text"], no_answer) << answered[1].dump();
}

}  // namespace
}  // namespace parley::test
