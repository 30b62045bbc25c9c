// parley-server event log and durability: per-principal seq with replay from resume_from
// (no gap, no double), resync, and acknowledged writes surviving SIGKILL.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"
#include "wait.hpp"

namespace parley::test {
namespace {

Json send(RawWsClient& client, const std::string& client_id) {
  return client.request("chat.send", {{"client_id", client_id}, {"text", "msg " + client_id}});
}

std::vector<std::uint64_t> seqs_of(const std::vector<Json>& events) {
  std::vector<std::uint64_t> seqs;
  for (const auto& e : events) seqs.push_back(e["seq"]);
  return seqs;
}

TEST(ServerDurability, ReconnectReplaysExactlyWhatWasMissed) {
  ServerProcess server;
  auto first = connect_as(server, "u-1");
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(is_res(send(*first, "a" + std::to_string(i))));
  EXPECT_EQ(seqs_of(events_so_far(*first)), (std::vector<std::uint64_t>{1, 2, 3}));
  first.reset();  // the app goes offline having applied seq 3

  // Meanwhile, from another device: seq 4 and 5.
  auto other = connect_as(server, "u-1");
  ASSERT_TRUE(is_res(send(*other, "b1")));
  ASSERT_TRUE(is_res(send(*other, "b2")));

  RawWsClient back;
  ASSERT_TRUE(back.connect(server.url()));
  const Json welcome = back.hello(server.mint_token("u-1", "Ann"), 3);
  ASSERT_TRUE(is_res(welcome)) << welcome.dump();
  EXPECT_EQ(welcome["result"]["latest_seq"], 5);
  EXPECT_EQ(welcome["result"]["resync"], false);
  const auto replayed = events_so_far(back);
  EXPECT_EQ(seqs_of(replayed), (std::vector<std::uint64_t>{4, 5}));
  EXPECT_EQ(replayed[0]["data"]["message"]["client_id"], "b1");

  // Then live events continue the sequence on this connection.
  ASSERT_TRUE(is_res(send(back, "c1")));
  EXPECT_EQ(seqs_of(events_so_far(back)), (std::vector<std::uint64_t>{6}));
}

TEST(ServerDurability, ALongBacklogIsReplayedInPagesWithLiveEventsInTheirPlace) {
  ServerProcess server;
  auto writer = connect_as(server, "u-1");
  constexpr int kBacklog = 600;  // more than two replay pages (256 events each)
  for (int i = 1; i <= kBacklog; ++i) ASSERT_TRUE(is_res(send(*writer, "w" + std::to_string(i))));

  RawWsClient back;
  ASSERT_TRUE(back.connect(server.url()));
  ASSERT_TRUE(is_res(back.hello(server.mint_token("u-1", "Ann"), 0)));
  // A live event committed while the replay streams must come once, after the backlog.
  ASSERT_TRUE(is_res(send(*writer, "live")));

  std::vector<std::uint64_t> seqs;
  Json last;
  while (seqs.size() < kBacklog + 1) {
    const Json frame = back.receive_json();
    ASSERT_FALSE(frame.is_null()) << "stopped after " << seqs.size() << " events";
    if (frame.value("type", "") != "event") continue;
    seqs.push_back(frame["seq"]);
    last = frame;
  }
  for (std::size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], i + 1) << "at " << i;
  EXPECT_EQ(last["data"]["message"]["client_id"], "live");
  EXPECT_TRUE(events_so_far(back).empty());  // nothing twice
}

TEST(ServerDurability, ResumeFromAheadOfTheServerAsksForResync) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  ASSERT_TRUE(is_res(send(*client, "x")));
  RawWsClient ahead;
  ASSERT_TRUE(ahead.connect(server.url()));
  const Json welcome = ahead.hello(server.mint_token("u-1", "Ann"), 99);
  ASSERT_TRUE(is_res(welcome));
  EXPECT_EQ(welcome["result"]["resync"], true);
  EXPECT_EQ(welcome["result"]["latest_seq"], 1);
  EXPECT_TRUE(events_so_far(ahead).empty());  // nothing replayed
}

TEST(ServerDurability, AcknowledgedWritesSurviveSigkill) {
  ServerProcess server;
  std::string message_id;
  std::string ticket_id;
  {
    auto user = connect_as(server, "u-1");
    const Json sent = send(*user, "durable-1");
    ASSERT_TRUE(is_res(sent));
    message_id = sent["result"]["message"]["id"];
    const Json ticket = user->request("ticket.create", {{"client_id", "durable-t"}, {"subject", "Kept"}});
    ASSERT_TRUE(is_res(ticket));
    ticket_id = ticket["result"]["ticket"]["id"];
    server.kill();  // right after the acknowledgements, no clean shutdown
    EXPECT_TRUE(wait_until([&] { return user->closed(); }));
  }
  server.start();

  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  const Json welcome = client.hello(server.mint_token("u-1", "Ann"));
  ASSERT_TRUE(is_res(welcome));
  EXPECT_EQ(welcome["result"]["latest_seq"], 2);
  const auto events = events_so_far(client);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["data"]["message"]["id"], message_id);
  EXPECT_EQ(events[1]["data"]["ticket"]["id"], ticket_id);

  // The outbox resends after the restart: deduplicated against what was stored before.
  const Json resent = send(client, "durable-1");
  EXPECT_EQ(resent["result"]["message"]["id"], message_id);
  EXPECT_TRUE(events_so_far(client).empty());
  EXPECT_TRUE(is_res(client.request("ticket.get", {{"ticket_id", ticket_id}})));
}

}  // namespace
}  // namespace parley::test
