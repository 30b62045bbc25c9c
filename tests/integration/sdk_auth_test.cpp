// Refused tokens through the real server: auth_failed with the server's code (not a hang, not
// a reconnect loop), and set_token() recovers with nothing queued lost.
#include <gtest/gtest.h>

#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

// The token with one character of its signature changed.
std::string forged(std::string token) {
  const auto signature = token.rfind('.') + 1;
  char& c = token.at(signature + 3);
  c = c == 'A' ? 'B' : 'A';
  return token;
}

TEST(SdkAuth, AForgedTokenIsUnauthorized) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, forged(server.mint_token("u-ann", "Ann"))));
  const auto failed = user.wait_for(of_type(EventType::auth_failed));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error.code, ErrorCode::unauthorized) << failed->error.message;
  EXPECT_TRUE(user.events([](const Event& e) {
                    return e.type == EventType::connection_changed &&
                           e.connection == ConnectionState::connected;
                  }).empty());
}

TEST(SdkAuth, ATokenOfTheWrongKindStopsInsteadOfRetrying) {
  ServerProcess server;
  {
    SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
    ASSERT_TRUE(user.wait_state(ConnectionState::connected, 0));
  }
  // The same id as an agent: the server says forbidden, which no retry can change.
  SdkTestClient impostor(sdk_config(server, server.mint_token("u-ann", "Ann", "agent")));
  const auto failed = impostor.wait_for(of_type(EventType::auth_failed));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error.code, ErrorCode::forbidden) << failed->error.message;
}

TEST(SdkAuth, AnEmptyTokenFailsAtOnceWithoutConnecting) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, ""));
  const auto failed = user.wait_for(of_type(EventType::auth_failed));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error.code, ErrorCode::unauthorized);
  EXPECT_TRUE(user.events(of_type(EventType::connection_changed)).empty());
}

TEST(SdkAuth, AnExpiredTokenFailsAndANewOneDeliversWhatWasQueued) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann", "user", -60)));
  const auto failed = user.wait_for(of_type(EventType::auth_failed));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error.code, ErrorCode::token_expired) << failed->error.message;

  user->send_message("queued behind an expired token", {}, 3);
  EXPECT_EQ(user->outbox_size(), 1u);

  const std::size_t mark = user.event_count();
  user->set_token(server.mint_token("u-ann", "Ann"));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected, mark));
  const auto connected = user.wait_for([](const Event& e) {
    return e.type == EventType::connection_changed && e.connection == ConnectionState::connected;
  });
  ASSERT_TRUE(connected);
  EXPECT_EQ(connected->principal.id, "u-ann");
  EXPECT_EQ(connected->principal.kind, "user");

  const auto sent = user.wait_for(reply_to(EventType::message_sent, 3));
  ASSERT_TRUE(sent);
  EXPECT_TRUE(sent->error.ok()) << sent->error.message;
  EXPECT_EQ(sent->messages.at(0).text, "queued behind an expired token");
  EXPECT_EQ(user->outbox_size(), 0u);
  EXPECT_EQ(user.events(of_type(EventType::auth_failed)).size(), 1u);
}

TEST(SdkAuth, AnEmptyTokenCannotBeSet) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  EXPECT_THROW(user->set_token(""), Exception);
}

}  // namespace
}  // namespace parley::test
