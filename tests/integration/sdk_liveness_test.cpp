// Liveness: a link that goes silent is noticed by heartbeats and replaced; network_changed()
// reconnects at once. The server is real; a relay in front of it plays the dead network.
#include <gtest/gtest.h>

#include "sdk_tcp_relay.hpp"
#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

ServerOptions fast_heartbeat() {
  ServerOptions options;
  options.extra_args = {"--heartbeat-ms", "500"};
  return options;
}

TEST(SdkLiveness, ASilentLinkIsDroppedAndTheWriteDeliveredOnceAfterwards) {
  ServerProcess server(fast_heartbeat());
  SdkTcpRelay relay(server.port());
  Config config = sdk_config(server, server.mint_token("u-ann", "Ann"));
  config.server_url = relay.url();
  SdkTestClient user(std::move(config));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  const std::size_t mark = user.event_count();
  relay.freeze();
  user->send_message("sent into the void", {}, 1);  // swallowed with the link
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, mark));
  const auto dropped = user.wait_for([](const Event& e) {
    return e.type == EventType::connection_changed && e.connection == ConnectionState::disconnected;
  });
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped->error.code, ErrorCode::unavailable);
  EXPECT_NE(dropped->error.message.find("heartbeat"), std::string::npos) << dropped->error.message;
  EXPECT_EQ(user->outbox_size(), 1u);

  relay.thaw();
  const auto sent = user.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(sent);
  EXPECT_TRUE(sent->error.ok()) << sent->error.message;
  ASSERT_TRUE(agent.wait_for(received_text("sent into the void")));
  user->send_message("marker", sent->messages.at(0).conversation_id, 2);
  ASSERT_TRUE(agent.wait_for(received_text("marker")));
  ASSERT_TRUE(user.wait_for(reply_to(EventType::message_sent, 2)));
  EXPECT_EQ(agent.events(received_text("sent into the void")).size(), 1u);
  EXPECT_EQ(user->outbox_size(), 0u);
}

TEST(SdkLiveness, NetworkChangedReconnectsAtOnce) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  const std::size_t mark = user.event_count();
  user->network_changed();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, mark));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected, mark));
  std::vector<ConnectionState> states;
  const auto all = user.events();
  for (std::size_t i = mark; i < all.size(); ++i) {
    if (all[i].type == EventType::connection_changed) states.push_back(all[i].connection);
  }
  EXPECT_EQ(states, (std::vector<ConnectionState>{ConnectionState::disconnected,
                                                  ConnectionState::connecting,
                                                  ConnectionState::connected}));
}

}  // namespace
}  // namespace parley::test
