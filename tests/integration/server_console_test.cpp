// parley-server serves the agent console (built into the binary) over plain HTTP, with the
// headers that keep it safe and cheap to revalidate; and the console's live_only hello replays
// nothing. (The console itself is driven in Chromium by tests/browser.)
#include <gtest/gtest.h>

#include "raw_http.hpp"
#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

TEST(ServerConsole, ServesThePageAndItsFilesWithTheirTypes) {
  ServerProcess server;
  const auto moved = raw_http(server.port(), "GET", "/console");
  EXPECT_EQ(moved.status, 308);
  EXPECT_EQ(moved.header("location"), "/console/");

  const auto page = raw_http(server.port(), "GET", "/console/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script type=\"module\" src=\"console.js\">"), std::string::npos);
  EXPECT_NE(page.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(page.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");

  const auto script = raw_http(server.port(), "GET", "/console/console.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(script.body.find("live_only: true"), std::string::npos);
  const auto zipped = raw_http(server.port(), "GET", "/console/console.js", {"Accept-Encoding: gzip"});
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_EQ(gunzip(zipped.body), script.body);
  EXPECT_EQ(raw_http(server.port(), "GET", "/console/console.css").header("content-type"),
            "text/css; charset=utf-8");
}

TEST(ServerConsole, RevalidatesByETagAndRefusesWhatItDoesNotServe) {
  ServerProcess server;
  const auto first = raw_http(server.port(), "GET", "/console/console.css");
  const std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.header("cache-control"), "no-cache");
  const auto again = raw_http(server.port(), "GET", "/console/console.css", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(raw_http(server.port(), "GET", "/console/console.css", {"If-None-Match: \"other\""}).status, 200);

  EXPECT_EQ(raw_http(server.port(), "GET", "/console/../parley.db").status, 404);
  EXPECT_EQ(raw_http(server.port(), "GET", "/console/secret.txt").status, 404);
  EXPECT_EQ(raw_http(server.port(), "POST", "/console/").status, 405);
}

TEST(ServerConsole, ALiveOnlyHelloReplaysNothingAndThenFollowsLiveEvents) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  ASSERT_TRUE(is_res(user->request("ticket.create", {{"client_id", "a"}, {"subject", "Before"}})));
  // An agent said hello once, so the ticket's event is in its log.
  auto earlier = connect_as(server, "a-1", "agent");
  ASSERT_TRUE(is_res(user->request("ticket.create", {{"client_id", "b"}, {"subject", "Logged"}})));
  ASSERT_EQ(events_so_far(*earlier).size(), 1u);

  RawWsClient console;
  ASSERT_TRUE(console.connect(server.url()));
  const Json welcome = console.request(
      "hello", {{"token", server.mint_token("a-1", "a-1 name", "agent")}, {"live_only", true}});
  ASSERT_TRUE(is_res(welcome)) << welcome.dump();
  EXPECT_GE(welcome["result"]["latest_seq"].get<int>(), 1);
  EXPECT_TRUE(events_so_far(console).empty());
  ASSERT_TRUE(is_res(user->request("ticket.create", {{"client_id", "c"}, {"subject", "Live"}})));
  const auto live = events_so_far(console);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0]["data"]["ticket"]["subject"], "Live");

  RawWsClient bad;
  ASSERT_TRUE(bad.connect(server.url()));
  EXPECT_EQ(error_code(bad.request("hello", {{"token", server.mint_token("a-1", "x", "agent")},
                                             {"live_only", "yes"}})),
            "bad_request");
}

}  // namespace
}  // namespace parley::test
