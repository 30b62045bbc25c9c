// The fault-injecting proxy itself, in front of the real server: its faults are real (bytes
// split and delayed still arrive whole and in order, cuts close connections) and a frozen
// path passes nothing until thawed, which cuts what went silent.
#include <gtest/gtest.h>

#include "fault_proxy.hpp"
#include "raw_ws_client.hpp"
#include "server_process.hpp"
#include "wait.hpp"

namespace parley::test {
namespace {

using namespace std::chrono_literals;

constexpr std::uint64_t kSeed = 20261122;

bool signed_in(RawWsClient& client, const ServerProcess& server, const FaultProxy& proxy) {
  return client.connect(proxy.url()) &&
         client.hello(server.mint_token("u-proxy", "Proxy User")).value("type", "") == "res";
}

TEST(FaultProxy, BytesSplitIntoPiecesOfOneToFourAndDelayedStillArriveWholeAndInOrder) {
  ServerProcess server;
  FaultProxy proxy(server.port(), kSeed);
  FaultProfile profile;
  profile.max_piece = 4;  // one piece per proxy turn: small pieces make a slow link
  profile.delay_probability = 0.05;
  profile.max_delay = 3ms;
  proxy.set_profile(profile);

  RawWsClient client;
  ASSERT_TRUE(signed_in(client, server, proxy));
  for (int i = 0; i < 3; ++i) {
    const auto sent = client.request("chat.send", {{"client_id", "split-" + std::to_string(i)},
                                                   {"text", "piece by piece " + std::to_string(i)}});
    ASSERT_EQ(sent.value("type", ""), "res") << sent.dump();
    EXPECT_EQ(sent["result"]["message"]["text"], "piece by piece " + std::to_string(i));
  }
  const auto counts = proxy.counts();
  EXPECT_GT(counts.pieces, 300u);  // far more pieces than frames
  EXPECT_GT(counts.delays, 0u);
  EXPECT_EQ(counts.cuts, 0u);
}

TEST(FaultProxy, CutsCloseConnections) {
  ServerProcess server;
  FaultProxy proxy(server.port(), kSeed);
  RawWsClient client;
  ASSERT_TRUE(signed_in(client, server, proxy));
  FaultProfile profile;
  profile.cuts_per_second = 1000;  // at the proxy's next turn
  proxy.set_profile(profile);
  EXPECT_TRUE(wait_until([&] { return client.closed(); }));
  EXPECT_GE(proxy.counts().cuts, 1u);
}

TEST(FaultProxy, FrozenPathPassesNothingUntilThawCutsIt) {
  ServerProcess server;
  FaultProxy proxy(server.port(), kSeed);
  RawWsClient client;
  ASSERT_TRUE(signed_in(client, server, proxy));

  proxy.freeze();
  EXPECT_THROW(client.request("chat.conversations", {}, 500ms), std::runtime_error);
  EXPECT_FALSE(client.closed());  // a black hole, not a closed door

  proxy.thaw();
  EXPECT_TRUE(wait_until([&] { return client.closed(); }));
  RawWsClient again;
  ASSERT_TRUE(signed_in(again, server, proxy));
  EXPECT_EQ(again.request("chat.conversations").value("type", ""), "res");
}

}  // namespace
}  // namespace parley::test
