// parley-server's complete chat over the raw protocol: edits and deletions (author only,
// deduplicated), receipts (monotonic, per side), typing (ephemeral, rate-limited, to the other
// side only), agent assignment, and the database's server_id.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

// A user's message in a new conversation; returns it.
Json post(RawWsClient& client, const std::string& client_id, const std::string& text,
          const std::string& conversation_id = "") {
  Json args{{"client_id", client_id}, {"text", text}};
  if (!conversation_id.empty()) args["conversation_id"] = conversation_id;
  const Json reply = client.request("chat.send", args);
  EXPECT_TRUE(is_res(reply)) << reply.dump();
  return reply["result"]["message"];
}

std::vector<std::string> event_names(const std::vector<Json>& events) {
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e["name"]);
  return names;
}

TEST(ServerChatFeatures, TheAuthorEditsOnceHoweverOftenTheChangeIsSent) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const Json m = post(*user, "c1", "helo");
  events_so_far(*agent);

  const Json edit{{"client_id", "e1"}, {"message_id", m["id"]}, {"text", "hello"}};
  const Json first = user->request("chat.edit", edit);
  ASSERT_TRUE(is_res(first)) << first.dump();
  EXPECT_EQ(first["result"]["message"]["text"], "hello");
  EXPECT_GT(first["result"]["message"]["edited_at"].get<std::int64_t>(), 0);
  const Json again = user->request("chat.edit", edit);
  EXPECT_EQ(again["result"], first["result"]);
  const auto events = events_so_far(*agent);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["name"], "message.updated");
  EXPECT_EQ(events[0]["data"]["change"], "edited");
  EXPECT_EQ(events[0]["data"]["message"], first["result"]["message"]);

  // The same text again is a success that changes nothing.
  const Json same = user->request("chat.edit", {{"client_id", "e2"}, {"message_id", m["id"]}, {"text", "hello"}});
  ASSERT_TRUE(is_res(same));
  EXPECT_TRUE(events_so_far(*agent).empty());
}

TEST(ServerChatFeatures, DeletingEmptiesTheMessageAndThenEditsConflict) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  const Json m = post(*user, "c1", "oops");
  events_so_far(*user);
  const Json deleted = user->request("chat.delete", {{"client_id", "d1"}, {"message_id", m["id"]}});
  ASSERT_TRUE(is_res(deleted)) << deleted.dump();
  EXPECT_TRUE(deleted["result"]["message"]["deleted"].get<bool>());
  EXPECT_EQ(deleted["result"]["message"]["text"], "");
  EXPECT_EQ(event_names(events_so_far(*user)), (std::vector<std::string>{"message.updated"}));
  // Deleting again succeeds quietly; editing a deleted message is a conflict.
  ASSERT_TRUE(is_res(user->request("chat.delete", {{"client_id", "d2"}, {"message_id", m["id"]}})));
  EXPECT_TRUE(events_so_far(*user).empty());
  EXPECT_EQ(error_code(user->request("chat.edit", {{"client_id", "e1"}, {"message_id", m["id"]}, {"text", "x"}})),
            "conflict");
  // History shows it deleted, in its place.
  const Json history = user->request("chat.history", {{"conversation_id", m["conversation_id"]}});
  ASSERT_EQ(history["result"]["messages"].size(), 1u);
  EXPECT_TRUE(history["result"]["messages"][0]["deleted"].get<bool>());
}

TEST(ServerChatFeatures, OnlyTheAuthorChangesAMessageAndStrangersCannotSeeIt) {
  ServerProcess server(with_bot());
  auto user = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  auto stranger = connect_as(server, "u-2");
  const Json m = post(*user, "c1", "How do I get a refund?");
  const auto events = events_so_far(*user);  // the user's message and the bot's answer
  ASSERT_EQ(events.size(), 2u);
  const Json bot_message = events[1]["data"]["message"];
  ASSERT_EQ(bot_message["author"]["kind"], "bot");

  auto edit = [](const Json& message, const char* cid) {
    return Json{{"client_id", cid}, {"message_id", message["id"]}, {"text", "changed"}};
  };
  EXPECT_EQ(error_code(agent->request("chat.edit", edit(m, "x1"))), "forbidden");
  EXPECT_EQ(error_code(user->request("chat.edit", edit(bot_message, "x2"))), "forbidden");
  EXPECT_EQ(error_code(stranger->request("chat.edit", edit(m, "x3"))), "not_found");
  EXPECT_EQ(error_code(stranger->request("chat.delete", {{"client_id", "x4"}, {"message_id", m["id"]}})),
            "not_found");
  EXPECT_EQ(error_code(user->request("chat.edit", {{"client_id", "x5"}, {"message_id", "t-1"}, {"text", "x"}})),
            "not_found");
  EXPECT_EQ(error_code(user->request("chat.edit", {{"client_id", "x6"}, {"message_id", m["id"]}})),
            "bad_request");
  EXPECT_EQ(error_code(user->request("chat.delete", {{"message_id", m["id"]}})), "bad_request");
}

TEST(ServerChatFeatures, ReceiptsMoveForwardOnlyAndReadImpliesDelivered) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const Json first = post(*user, "c1", "one");
  const std::string conversation = first["conversation_id"];
  const Json second = post(*user, "c2", "two", conversation);
  events_so_far(*user);
  events_so_far(*agent);

  const Json read = agent->request("chat.receipt", {{"conversation_id", conversation},
                                                    {"message_id", second["id"]},
                                                    {"kind", "read"}});
  ASSERT_TRUE(is_res(read)) << read.dump();
  const Json& receipts = read["result"]["conversation"]["receipts"];
  EXPECT_EQ(receipts["agent"]["read_up_to"], second["id"]);
  EXPECT_EQ(receipts["agent"]["delivered_up_to"], second["id"]);
  EXPECT_TRUE(receipts["user"]["read_up_to"].is_null());
  const auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["name"], "conversation.updated");
  EXPECT_EQ(events[0]["data"]["change"], "receipts");
  EXPECT_EQ(events[0]["data"]["conversation"]["receipts"], receipts);

  // An older receipt moves nothing and makes no event.
  const Json older = agent->request("chat.receipt", {{"conversation_id", conversation},
                                                     {"message_id", first["id"]},
                                                     {"kind", "delivered"}});
  ASSERT_TRUE(is_res(older));
  EXPECT_EQ(older["result"]["conversation"]["receipts"], receipts);
  EXPECT_TRUE(events_so_far(*user).empty());

  EXPECT_EQ(error_code(agent->request("chat.receipt", {{"conversation_id", conversation},
                                                       {"message_id", second["id"]},
                                                       {"kind", "seen"}})),
            "bad_request");
  // A message of another conversation is not found in this one.
  const Json elsewhere = post(*connect_as(server, "u-2"), "c9", "other");
  EXPECT_EQ(error_code(agent->request("chat.receipt", {{"conversation_id", conversation},
                                                       {"message_id", elsewhere["id"]},
                                                       {"kind", "read"}})),
            "not_found");
  EXPECT_EQ(error_code(user->request("chat.receipt", {{"conversation_id", elsewhere["conversation_id"]},
                                                      {"message_id", elsewhere["id"]},
                                                      {"kind", "read"}})),
            "not_found");
}

TEST(ServerChatFeatures, AUsersTypingIsLiveOnlyAndTakesNoSeq) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto laptop = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const Json m = post(*user, "c1", "hi");
  const std::string conversation = m["conversation_id"];
  events_so_far(*user);
  events_so_far(*laptop);
  const auto first = events_so_far(*agent);
  ASSERT_EQ(first.size(), 1u);

  const Json typing{{"conversation_id", conversation}, {"typing", true}};
  ASSERT_TRUE(is_res(user->request("chat.typing", typing)));
  const auto at_agent = events_so_far(*agent);
  ASSERT_EQ(at_agent.size(), 1u);
  EXPECT_EQ(at_agent[0]["name"], "chat.typing");
  EXPECT_FALSE(at_agent[0].contains("seq"));
  EXPECT_EQ(at_agent[0]["data"]["author"]["id"], "u-1");
  EXPECT_TRUE(at_agent[0]["data"]["typing"].get<bool>());
  EXPECT_TRUE(events_so_far(*laptop).empty());  // the user's own side is not told

  // Nothing was stored: the next stored event takes the next seq.
  post(*user, "c2", "still me", conversation);
  const auto next = events_so_far(*agent);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0]["seq"], first[0]["seq"].get<int>() + 1);

  EXPECT_EQ(error_code(user->request("chat.typing", {{"conversation_id", conversation}})), "bad_request");
}

TEST(ServerChatFeatures, AgentsTakeConversationsAndTheFirstReplyAssigns) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto bo = connect_as(server, "a-bo", "agent");
  auto cy = connect_as(server, "a-cy", "agent");
  const std::string first = post(*user, "c1", "help")["conversation_id"];
  events_so_far(*user);

  // The first reply assigns, and the user hears who joined before the answer.
  ASSERT_TRUE(is_res(bo->request("agent.reply", {{"client_id", "r1"}, {"conversation_id", first}, {"text", "hi"}})));
  auto events = events_so_far(*user);
  ASSERT_EQ(event_names(events), (std::vector<std::string>{"conversation.updated", "message.new"}));
  EXPECT_EQ(events[0]["data"]["change"], "assigned");
  EXPECT_EQ(events[0]["data"]["conversation"]["assignee"]["id"], "a-bo");
  EXPECT_EQ(events[1]["seq"].get<int>(), events[0]["seq"].get<int>() + 1);

  // Another agent takes it over; taking it again changes nothing.
  const Json taken = cy->request("agent.take", {{"conversation_id", first}});
  ASSERT_TRUE(is_res(taken)) << taken.dump();
  EXPECT_EQ(taken["result"]["conversation"]["assignee"]["id"], "a-cy");
  EXPECT_EQ(event_names(events_so_far(*user)), (std::vector<std::string>{"conversation.updated"}));
  ASSERT_TRUE(is_res(cy->request("agent.take", {{"conversation_id", first}})));
  EXPECT_TRUE(events_so_far(*user).empty());
  EXPECT_EQ(error_code(user->request("agent.take", {{"conversation_id", first}})), "forbidden");
  EXPECT_EQ(error_code(cy->request("agent.take", {{"conversation_id", "c-999"}})), "not_found");
}

TEST(ServerChatFeatures, TheServerIdIsTheDatabases) {
  ServerProcess server;
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  const std::string id = client.hello(server.mint_token("u-1", "Ann"))["result"]["server_id"];
  EXPECT_GE(id.size(), 8u);
  server.stop();
  server.start();
  RawWsClient again;
  ASSERT_TRUE(again.connect(server.url()));
  EXPECT_EQ(again.hello(server.mint_token("u-1", "Ann"))["result"]["server_id"], id);

  ServerProcess other;
  RawWsClient elsewhere;
  ASSERT_TRUE(elsewhere.connect(other.url()));
  EXPECT_NE(elsewhere.hello(other.mint_token("u-1", "Ann"))["result"]["server_id"], id);
}


// The seqs of a run of events, in arrival order.
std::vector<int> seqs(const std::vector<Json>& events) {
  std::vector<int> out;
  for (const auto& e : events) out.push_back(e["seq"].get<int>());
  return out;
}

TEST(ServerChatFeatures, AChangeReachesTheConversationsUserAndEveryAgentWithTheirNextSeq) {
  ServerProcess server;
  auto phone = connect_as(server, "u-1");
  auto laptop = connect_as(server, "u-1");
  auto bo = connect_as(server, "a-bo", "agent");
  auto cy = connect_as(server, "a-cy", "agent");
  auto stranger = connect_as(server, "u-2");
  // Seq 1 in u-1's log; one seq in the agents' feed, the same for every agent.
  const Json m = post(*phone, "c1", "helo");
  for (auto* c : {phone.get(), laptop.get(), cy.get()}) events_so_far(*c);
  const auto at_bo = events_so_far(*bo);
  ASSERT_EQ(at_bo.size(), 1u);
  const int feed = at_bo[0]["seq"];

  const Json edited = phone->request("chat.edit", {{"client_id", "e1"}, {"message_id", m["id"]}, {"text", "hello"}});
  ASSERT_TRUE(is_res(edited)) << edited.dump();
  for (auto* c : {phone.get(), laptop.get(), bo.get(), cy.get()}) {
    const auto events = events_so_far(*c);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["name"], "message.updated");
    EXPECT_EQ(events[0]["seq"], c == bo.get() || c == cy.get() ? feed + 1 : 2);
    EXPECT_EQ(events[0]["data"]["message"], edited["result"]["message"]);
  }
  EXPECT_TRUE(events_so_far(*stranger).empty());

  // An agent deletes its own reply: the user hears of it after the reply itself.
  const Json reply = bo->request("agent.reply", {{"client_id", "r1"}, {"conversation_id", m["conversation_id"]}, {"text", "wrong"}});
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  const Json deleted = bo->request("chat.delete", {{"client_id", "d1"}, {"message_id", reply["result"]["message"]["id"]}});
  ASSERT_TRUE(is_res(deleted)) << deleted.dump();
  const auto at_user = events_so_far(*laptop);
  ASSERT_EQ(event_names(at_user),
            (std::vector<std::string>{"conversation.updated", "message.new", "message.updated"}));
  EXPECT_EQ(seqs(at_user), (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(at_user[2]["data"]["change"], "deleted");
  EXPECT_TRUE(at_user[2]["data"]["message"]["deleted"].get<bool>());
  EXPECT_EQ(at_user[2]["data"]["message"]["text"], "");
  EXPECT_EQ(seqs(events_so_far(*cy)), (std::vector<int>{feed + 2, feed + 3, feed + 4}));

  // The same deletion resent: the same answer, no event.
  const Json again = bo->request("chat.delete", {{"client_id", "d1"}, {"message_id", reply["result"]["message"]["id"]}});
  EXPECT_EQ(again["result"], deleted["result"]);
  EXPECT_TRUE(events_so_far(*laptop).empty());
  EXPECT_TRUE(events_so_far(*cy).empty());
}

TEST(ServerChatFeatures, AnAcknowledgedChangeIsStillDeduplicatedAfterACrash) {
  ServerProcess server;
  std::string message_id;
  Json first;
  {
    auto user = connect_as(server, "u-1");
    message_id = post(*user, "c1", "helo")["id"];
    first = user->request("chat.edit", {{"client_id", "e1"}, {"message_id", message_id}, {"text", "hello"}});
    ASSERT_TRUE(is_res(first)) << first.dump();
  }
  server.kill();
  server.start();

  RawWsClient user;
  ASSERT_TRUE(user.connect(server.url()));
  const Json welcome = user.hello(server.mint_token("u-1", "Ann"), 2);
  ASSERT_EQ(welcome["result"]["latest_seq"], 2);  // the message and its edit
  // The resent edit (its text even changed in between) answers with the message as it is.
  const Json resent = user.request("chat.edit", {{"client_id", "e1"}, {"message_id", message_id}, {"text", "hello!"}});
  EXPECT_EQ(resent["result"], first["result"]);
  EXPECT_TRUE(events_so_far(user).empty());
  EXPECT_EQ(user.request("chat.history", {{"conversation_id", first["result"]["message"]["conversation_id"]}})
                ["result"]["messages"][0]["text"],
            "hello");
}

TEST(ServerChatFeatures, TheUsersReceiptsReachSupportAndItsOwnDevices) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto laptop = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const std::string conversation = post(*user, "c1", "hi")["conversation_id"];
  const Json first = agent->request("agent.reply", {{"client_id", "r1"}, {"conversation_id", conversation}, {"text", "one"}});
  const Json second = agent->request("agent.reply", {{"client_id", "r2"}, {"conversation_id", conversation}, {"text", "two"}});
  for (auto* c : {user.get(), laptop.get(), agent.get()}) events_so_far(*c);

  auto receipt = [&](const Json& message, const char* kind) {
    return user->request("chat.receipt", {{"conversation_id", conversation},
                                          {"message_id", message["result"]["message"]["id"]},
                                          {"kind", kind}});
  };
  ASSERT_TRUE(is_res(receipt(second, "delivered")));
  const Json read = receipt(first, "read");
  ASSERT_TRUE(is_res(read)) << read.dump();
  // Read moved on its own; delivered stayed ahead.
  const Json& mine = read["result"]["conversation"]["receipts"]["user"];
  EXPECT_EQ(mine["delivered_up_to"], second["result"]["message"]["id"]);
  EXPECT_EQ(mine["read_up_to"], first["result"]["message"]["id"]);
  EXPECT_TRUE(read["result"]["conversation"]["receipts"]["agent"]["delivered_up_to"].is_null());

  for (auto* c : {laptop.get(), agent.get()}) {
    const auto events = events_so_far(*c);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1]["name"], "conversation.updated");
    EXPECT_EQ(events[1]["data"]["change"], "receipts");
    EXPECT_EQ(events[1]["data"]["conversation"]["receipts"]["user"], mine);
    EXPECT_EQ(events[1]["seq"].get<int>(), events[0]["seq"].get<int>() + 1);
  }
}

TEST(ServerChatFeatures, AnAgentsTypingReachesOnlyTheConversationsUser) {
  ServerProcess server;
  auto phone = connect_as(server, "u-1");
  auto laptop = connect_as(server, "u-1");
  auto stranger = connect_as(server, "u-2");
  auto bo = connect_as(server, "a-bo", "agent");
  auto cy = connect_as(server, "a-cy", "agent");
  const std::string conversation = post(*phone, "c1", "hi")["conversation_id"];
  for (auto* c : {phone.get(), laptop.get(), stranger.get(), bo.get(), cy.get()}) events_so_far(*c);

  ASSERT_TRUE(is_res(bo->request("chat.typing", {{"conversation_id", conversation}, {"typing", false}})));
  for (auto* c : {phone.get(), laptop.get()}) {
    const auto events = events_so_far(*c);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0],
              (Json{{"type", "event"},
                    {"name", "chat.typing"},
                    {"data", {{"conversation_id", conversation},
                              {"author", {{"kind", "agent"}, {"id", "a-bo"}, {"name", "a-bo name"}}},
                              {"typing", false}}}}));
  }
  for (auto* c : {bo.get(), cy.get(), stranger.get()}) EXPECT_TRUE(events_so_far(*c).empty());

  // The user's typing reaches every agent, and neither the user's other device nor others.
  ASSERT_TRUE(is_res(phone->request("chat.typing", {{"conversation_id", conversation}, {"typing", true}})));
  for (auto* c : {bo.get(), cy.get()}) EXPECT_EQ(event_names(events_so_far(*c)), (std::vector<std::string>{"chat.typing"}));
  for (auto* c : {laptop.get(), stranger.get()}) EXPECT_TRUE(events_so_far(*c).empty());
  // Another user's conversation is not there to type in.
  EXPECT_EQ(error_code(stranger->request("chat.typing", {{"conversation_id", conversation}, {"typing", true}})),
            "not_found");
}

TEST(ServerChatFeatures, TheSixthTypingInOneSecondIsRateLimitedPerConnection) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto laptop = connect_as(server, "u-1");
  const std::string conversation = post(*user, "c1", "hi")["conversation_id"];
  // Six sent at once, so that they surely fall within one second.
  for (int i = 1; i <= 6; ++i) {
    user->send_text(Json{{"type", "req"},
                         {"id", "t" + std::to_string(i)},
                         {"op", "chat.typing"},
                         {"args", {{"conversation_id", conversation}, {"typing", true}}}}
                        .dump());
  }
  std::vector<std::string> answers;  // "id:ok" or "id:code", in arrival order
  for (const auto& frame : frames_so_far(*user)) {
    if (!frame.contains("id") || !frame["id"].is_string()) continue;  // events
    const std::string id = frame["id"];
    if (id[0] != 't') continue;  // the ping of frames_so_far
    answers.push_back(id + ":" + (is_res(frame) ? "ok" : error_code(frame)));
  }
  EXPECT_EQ(answers, (std::vector<std::string>{"t1:ok", "t2:ok", "t3:ok", "t4:ok", "t5:ok",
                                               "t6:rate_limited"}));
  // The limit is the connection's: the same user on another device may still type.
  EXPECT_TRUE(is_res(laptop->request("chat.typing", {{"conversation_id", conversation}, {"typing", true}})));
}

TEST(ServerChatFeatures, AReplyToAnAssignedConversationKeepsItsAssignee) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto bo = connect_as(server, "a-bo", "agent");
  auto cy = connect_as(server, "a-cy", "agent");
  const std::string conversation = post(*user, "c1", "help")["conversation_id"];
  ASSERT_TRUE(is_res(bo->request("agent.take", {{"conversation_id", conversation}})));
  events_so_far(*user);

  ASSERT_TRUE(is_res(cy->request("agent.reply", {{"client_id", "r1"}, {"conversation_id", conversation}, {"text", "hi"}})));
  EXPECT_EQ(event_names(events_so_far(*user)), (std::vector<std::string>{"message.new"}));
  const Json list = user->request("chat.conversations");
  EXPECT_EQ(list["result"]["conversations"][0]["assignee"],
            (Json{{"kind", "agent"}, {"id", "a-bo"}, {"name", "a-bo name"}}));
}

TEST(ServerChatFeatures, BadArgumentsGetTypedErrors) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const Json m = post(*user, "c1", "hi");
  const std::string conversation = m["conversation_id"];
  const std::string message = m["id"];
  const std::string long_text(9000, 'x');

  struct Case {
    RawWsClient* client;
    const char* op;
    Json args;
    const char* code;
  };
  const std::vector<Case> cases{
      {user.get(), "chat.edit", {{"message_id", message}, {"text", "x"}}, "bad_request"},
      {user.get(), "chat.edit", {{"client_id", "e1"}, {"message_id", 17}, {"text", "x"}}, "bad_request"},
      {user.get(), "chat.edit", {{"client_id", "e1"}, {"message_id", message}, {"text", "  "}}, "bad_request"},
      {user.get(), "chat.edit", {{"client_id", "e1"}, {"message_id", message}, {"text", 5}}, "bad_request"},
      {user.get(), "chat.edit", {{"client_id", "e1"}, {"message_id", message}, {"text", long_text}}, "too_large"},
      {user.get(), "chat.edit", {{"client_id", "e1"}, {"message_id", conversation}, {"text", "x"}}, "not_found"},
      {user.get(), "chat.delete", {{"client_id", "d1"}}, "bad_request"},
      {user.get(), "chat.delete", {{"client_id", "d1"}, {"message_id", "m-999"}}, "not_found"},
      {user.get(), "chat.receipt", {{"conversation_id", conversation}, {"message_id", message}}, "bad_request"},
      {user.get(), "chat.receipt", {{"conversation_id", conversation}, {"message_id", message}, {"kind", 1}}, "bad_request"},
      {user.get(), "chat.receipt", {{"conversation_id", conversation}, {"kind", "read"}}, "bad_request"},
      {user.get(), "chat.receipt", {{"conversation_id", message}, {"message_id", message}, {"kind", "read"}}, "not_found"},
      {user.get(), "chat.receipt", {{"conversation_id", conversation}, {"message_id", conversation}, {"kind", "read"}}, "not_found"},
      {user.get(), "chat.typing", {{"typing", true}}, "bad_request"},
      {user.get(), "chat.typing", {{"conversation_id", conversation}, {"typing", "yes"}}, "bad_request"},
      {user.get(), "chat.typing", {{"conversation_id", "t-1"}, {"typing", true}}, "not_found"},
      {agent.get(), "agent.take", Json::object(), "bad_request"},
      {agent.get(), "agent.take", {{"conversation_id", 1}}, "bad_request"},
      {agent.get(), "agent.take", {{"conversation_id", message}}, "not_found"},
      {user.get(), "agent.take", {{"conversation_id", conversation}}, "forbidden"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(error_code(c.client->request(c.op, c.args)), c.code) << c.op << " " << c.args.dump();
  }
  // None of them changed anything.
  EXPECT_EQ(events_so_far(*agent).size(), 1u);  // the message.new of "hi" only
  const Json now = user->request("chat.history", {{"conversation_id", conversation}});
  EXPECT_EQ(now["result"]["messages"][0], m);
}

}  // namespace
}  // namespace parley::test
