// The bot's hand-off to people: what the bot cannot answer waits in a queue for an agent, a
// user can ask for a person (chat.handoff), each waiting user hears their place and hears it
// move up as agents take conversations ahead of them.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

// The conversation.updated events among what a client received so far.
std::vector<Json> conversation_updates(RawWsClient& client) {
  std::vector<Json> updates;
  for (auto& e : events_so_far(client)) {
    if (e["name"] == "conversation.updated") updates.push_back(e["data"]);
  }
  return updates;
}

std::string start_unanswerable(RawWsClient& user, const std::string& client_id) {
  const Json sent = user.request("chat.send", {{"client_id", client_id}, {"text", "zebra xylophone quantum"}});
  EXPECT_TRUE(is_res(sent)) << sent.dump();
  return sent["result"]["message"].value("conversation_id", "");
}

TEST(ServerHandoff, UsersWaitInOrderAndMoveUpAsAgentsTakeConversations) {
  ServerProcess server(with_bot());
  auto agent = connect_as(server, "a-1", "agent");
  auto ann = connect_as(server, "u-ann");
  auto bo = connect_as(server, "u-bo");
  auto cy = connect_as(server, "u-cy");
  const std::string first = start_unanswerable(*ann, "a1");
  const std::string second = start_unanswerable(*bo, "b1");
  const std::string third = start_unanswerable(*cy, "c1");

  int place = 1;
  for (auto* user : {ann.get(), bo.get(), cy.get()}) {
    const auto updates = conversation_updates(*user);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0]["change"], "queued");
    EXPECT_EQ(updates[0]["conversation"]["queue_position"], place++);
  }
  const auto agent_sees = conversation_updates(*agent);
  ASSERT_EQ(agent_sees.size(), 3u);
  EXPECT_EQ(agent_sees[2]["conversation"]["queue_position"], 3);
  const Json queue = agent->request("agent.queue")["result"]["conversations"];
  ASSERT_EQ(queue.size(), 3u);

  // The agent takes the first: Bo and Cy move up, each told once; Ann's wait is over.
  ASSERT_TRUE(is_res(agent->request("agent.take", {{"conversation_id", first}})));
  const auto ann_now = conversation_updates(*ann);
  ASSERT_EQ(ann_now.size(), 1u);
  EXPECT_EQ(ann_now[0]["change"], "assigned");
  EXPECT_TRUE(ann_now[0]["conversation"]["queue_position"].is_null());
  for (auto [user, expected] : {std::pair{bo.get(), 1}, std::pair{cy.get(), 2}}) {
    const auto moved = conversation_updates(*user);
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0]["change"], "queue");
    EXPECT_EQ(moved[0]["conversation"]["queue_position"], expected);
  }
  // Taking one from the middle moves only who is behind it; a reply assigns as a take does.
  ASSERT_TRUE(is_res(agent->request("agent.reply", {{"client_id", "r1"}, {"conversation_id", third},
                                                    {"text", "Hello Cy"}})));
  EXPECT_TRUE(conversation_updates(*bo).empty());
  ASSERT_TRUE(is_res(agent->request("agent.reply", {{"client_id", "r2"}, {"conversation_id", second},
                                                    {"text", "Hello Bo"}})));
  const auto bo_now = conversation_updates(*bo);
  ASSERT_EQ(bo_now.size(), 1u);
  EXPECT_EQ(bo_now[0]["change"], "assigned");
  // Writing on in an assigned conversation queues nothing.
  ASSERT_TRUE(is_res(bo->request("chat.send", {{"client_id", "b2"}, {"text", "thanks"}})));
  EXPECT_TRUE(conversation_updates(*bo).empty());
}

TEST(ServerHandoff, AnAnsweredUserIsNotQueuedUntilTheyWriteAgainOrAskForAPerson) {
  ServerProcess server(with_bot());
  auto ann = connect_as(server, "u-ann");
  auto bo = connect_as(server, "u-bo");
  ASSERT_TRUE(is_res(ann->request("chat.send", {{"client_id", "a1"}, {"text", "How do I get a refund for my order?"}})));
  ASSERT_TRUE(is_res(bo->request("chat.send", {{"client_id", "b1"}, {"text", "How do I get a refund for my order?"}})));
  EXPECT_TRUE(conversation_updates(*ann).empty());  // the bot's article may be enough

  // Ann asks for a person; asking again changes nothing.
  const Json handed = ann->request("chat.handoff");
  ASSERT_TRUE(is_res(handed)) << handed.dump();
  EXPECT_EQ(handed["result"]["conversation"]["queue_position"], 1);
  EXPECT_EQ(conversation_updates(*ann).size(), 1u);
  EXPECT_EQ(ann->request("chat.handoff")["result"]["conversation"]["queue_position"], 1);
  EXPECT_TRUE(conversation_updates(*ann).empty());
  // Bo writes again: the bot answered once already, so it waits for a person, behind Ann.
  ASSERT_TRUE(is_res(bo->request("chat.send", {{"client_id", "b2"}, {"text", "That did not help"}})));
  const auto bo_queued = conversation_updates(*bo);
  ASSERT_EQ(bo_queued.size(), 1u);
  EXPECT_EQ(bo_queued[0]["conversation"]["queue_position"], 2);

  // Who may hand off what.
  auto agent = connect_as(server, "a-1", "agent");
  const std::string anns = handed["result"]["conversation"]["id"];
  EXPECT_EQ(error_code(agent->request("chat.handoff", {{"conversation_id", anns}})), "forbidden");
  EXPECT_EQ(error_code(bo->request("chat.handoff", {{"conversation_id", anns}})), "not_found");
  auto new_user = connect_as(server, "u-new");
  EXPECT_EQ(error_code(new_user->request("chat.handoff")), "not_found");
  EXPECT_EQ(error_code(new_user->request("chat.handoff", {{"conversation_id", 7}})), "bad_request");
}

TEST(ServerHandoff, WithoutABotConversationsGoStraightToAgents) {
  ServerProcess server;  // --no-bot
  auto ann = connect_as(server, "u-ann");
  ASSERT_TRUE(is_res(ann->request("chat.send", {{"client_id", "a1"}, {"text", "Hello?"}})));
  EXPECT_TRUE(conversation_updates(*ann).empty());
  const Json handed = ann->request("chat.handoff");
  EXPECT_EQ(handed["result"]["conversation"]["queue_position"], 1);
}

}  // namespace
}  // namespace parley::test
