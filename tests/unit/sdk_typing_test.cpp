// Typing indicators on both ends (client/typing.hpp) and the token claims the client reads to
// know whose writes it queues and when to ask for a fresh token.
#include <gtest/gtest.h>

#include "client/typing.hpp"
#include "protocol/base64url.hpp"
#include "protocol/token_claims.hpp"

namespace {

using parley::Author;
using parley::EventType;
using parley::client::kTypingRefresh;
using parley::client::kTypingTimeout;
using parley::client::TypingClock;
using parley::client::TypingSender;
using parley::client::TypingTracker;
using namespace std::chrono_literals;

TEST(SdkTypingSender, SendsTypingAtMostOncePerRefreshAndStopOnlyAfterAStart) {
  TypingSender sender;
  const auto t0 = TypingClock::now();
  EXPECT_FALSE(sender.should_send("c-1", false, t0));  // never started: nothing to stop
  EXPECT_TRUE(sender.should_send("c-1", true, t0));
  EXPECT_FALSE(sender.should_send("c-1", true, t0 + 1s));  // keystrokes in between are free
  EXPECT_TRUE(sender.should_send("c-2", true, t0 + 1s));   // per conversation
  EXPECT_TRUE(sender.should_send("c-1", true, t0 + kTypingRefresh));  // the refresh
  EXPECT_TRUE(sender.should_send("c-1", false, t0 + 4s));
  EXPECT_FALSE(sender.should_send("c-1", false, t0 + 4s));
  EXPECT_TRUE(sender.should_send("c-1", true, t0 + 5s));  // a new start goes at once
  sender.reset();
  EXPECT_TRUE(sender.should_send("c-1", true, t0 + 5s));  // a new session is told again
}

TEST(SdkTypingTracker, ReportsStartsAndStopsOnceEach) {
  TypingTracker tracker;
  const Author ann{"user", "u-1", "Ann"};
  const auto t0 = TypingClock::now();
  auto started = tracker.on_typing("c-1", ann, true, t0);
  ASSERT_TRUE(started);
  EXPECT_EQ(started->type, EventType::typing_changed);
  EXPECT_TRUE(started->typing);
  EXPECT_EQ(started->conversation_id, "c-1");
  EXPECT_EQ(started->principal.id, "u-1");
  EXPECT_FALSE(tracker.on_typing("c-1", ann, true, t0 + 2s));  // a refresh is not news
  auto stopped = tracker.on_typing("c-1", ann, false, t0 + 3s);
  ASSERT_TRUE(stopped);
  EXPECT_FALSE(stopped->typing);
  EXPECT_FALSE(tracker.on_typing("c-1", ann, false, t0 + 3s));
}

TEST(SdkTypingTracker, AMessageOrSilenceEndsTyping) {
  TypingTracker tracker;
  const Author ann{"user", "u-1", "Ann"};
  const Author bo{"user", "u-2", "Bo"};
  const auto t0 = TypingClock::now();
  tracker.on_typing("c-1", ann, true, t0);
  tracker.on_typing("c-2", bo, true, t0 + 2s);
  auto by_message = tracker.on_message("c-1", ann);
  ASSERT_TRUE(by_message);
  EXPECT_FALSE(by_message->typing);
  EXPECT_FALSE(tracker.on_message("c-1", ann));
  ASSERT_TRUE(tracker.next_expiry());
  EXPECT_EQ(*tracker.next_expiry(), t0 + 2s + kTypingTimeout);
  EXPECT_TRUE(tracker.expire(t0 + 2s + kTypingTimeout - 1ms).empty());
  const auto expired = tracker.expire(t0 + 2s + kTypingTimeout);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].principal.id, "u-2");
  EXPECT_FALSE(tracker.next_expiry());
}

TEST(SdkTypingTracker, ALostLinkStopsEveryone) {
  TypingTracker tracker;
  const auto t0 = TypingClock::now();
  tracker.on_typing("c-1", Author{"agent", "a-1", "Bo"}, true, t0);
  tracker.on_typing("c-1", Author{"agent", "a-2", "Cy"}, true, t0);
  EXPECT_EQ(tracker.clear().size(), 2u);
  EXPECT_TRUE(tracker.clear().empty());
}

std::string token_with(const std::string& payload) {
  return "v1." + parley::protocol::base64url_encode(payload) + ".c2ln";
}

TEST(SdkTokenClaims, ReadsSubjectKindAndExpiry) {
  const auto claims = parley::protocol::read_token_claims(
      token_with(R"({"sub":"a-7","kind":"agent","exp":1795003600})"));
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->sub, "a-7");
  EXPECT_EQ(claims->kind, "agent");
  EXPECT_EQ(claims->exp, 1795003600);
  const auto user = parley::protocol::read_token_claims(token_with(R"({"sub":"u-1"})"));
  ASSERT_TRUE(user);
  EXPECT_EQ(user->kind, "user");
  EXPECT_EQ(user->exp, 0);
}

TEST(SdkTokenClaims, AnythingElseIsNotAToken) {
  using parley::protocol::read_token_claims;
  EXPECT_FALSE(read_token_claims(""));
  EXPECT_FALSE(read_token_claims("v2.e30.c2ln"));
  EXPECT_FALSE(read_token_claims("v1.e30"));               // no signature part
  EXPECT_FALSE(read_token_claims("v1.!!!.c2ln"));          // not base64url
  EXPECT_FALSE(read_token_claims(token_with("[1,2]")));    // not an object
  EXPECT_FALSE(read_token_claims(token_with("{\"sub\"")));  // not JSON
}

}  // namespace
