// parley-server, session start and liveness: hello/welcome, tokens, hello-first, subprotocol
// and path, heartbeats. Against the real binary on loopback.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"
#include "silent_ws_socket.hpp"
#include "wait.hpp"

namespace parley::test {
namespace {

TEST(ServerSession, WelcomeDescribesThePrincipalAndTheLimits) {
  ServerProcess server(with_args({"--heartbeat-ms", "4000", "--max-text-bytes", "1000"}));
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  const Json reply = client.hello(server.mint_token("u-42", "Ann"));
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  const Json& welcome = reply["result"];
  EXPECT_EQ(welcome["protocol"], 1);
  EXPECT_EQ(welcome["principal"], (Json{{"id", "u-42"}, {"kind", "user"}, {"name", "Ann"}}));
  EXPECT_EQ(welcome["heartbeat_ms"], 4000);
  EXPECT_EQ(welcome["limits"]["max_text_bytes"], 1000);
  EXPECT_EQ(welcome["limits"]["max_frame_bytes"], 65536);
  EXPECT_EQ(welcome["latest_seq"], 0);
  EXPECT_EQ(welcome["resync"], false);
  EXPECT_GT(welcome["server_time"].get<std::int64_t>(), 1'600'000'000'000);
}

TEST(ServerSession, AgentTokenMakesAnAgent) {
  ServerProcess server;
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  const Json reply = client.hello(server.mint_token("a-1", "Sam", "agent"));
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  EXPECT_EQ(reply["result"]["principal"]["kind"], "agent");
}

TEST(ServerSession, BadSignatureIsUnauthorizedAndTheSessionCanRetry) {
  ServerProcess server;
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  std::string forged = server.mint_token("u-1", "Ann");
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(error_code(client.hello(forged)), "unauthorized");
  EXPECT_EQ(error_code(client.hello("not-a-token")), "unauthorized");
  EXPECT_TRUE(is_res(client.hello(server.mint_token("u-1", "Ann"))));
  EXPECT_TRUE(is_res(client.request("ping")));
}

TEST(ServerSession, ExpiredTokenIsTokenExpiredAndTheSessionCanRetry) {
  ServerProcess server;
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  EXPECT_EQ(error_code(client.hello(server.mint_token("u-1", "Ann", "user", -60))), "token_expired");
  EXPECT_FALSE(client.closed());
  EXPECT_TRUE(is_res(client.hello(server.mint_token("u-1", "Ann"))));
}

TEST(ServerSession, RequestsBeforeHelloAreUnauthorized) {
  ServerProcess server;
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  for (const char* op : {"ping", "chat.send", "faq.search", "no.such.op"}) {
    const Json reply = client.request(op, {{"text", "hi"}, {"client_id", "c1"}, {"query", "x"}});
    EXPECT_EQ(error_code(reply), "unauthorized") << op << ": " << reply.dump();
  }
  EXPECT_TRUE(is_res(client.hello(server.mint_token("u-1", "Ann"))));
  EXPECT_TRUE(is_res(client.request("ping")));
}

TEST(ServerSession, SecondHelloIsAConflict) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  EXPECT_EQ(error_code(client->hello(server.mint_token("u-2", "Bob"))), "conflict");
}

TEST(ServerSession, AnIdCannotChangeKind) {
  ServerProcess server;
  connect_as(server, "u-1", "user");
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  EXPECT_EQ(error_code(client.hello(server.mint_token("u-1", "Ann", "agent"))), "forbidden");
}

// The bot's id, and the agents' shared event log's: whoever said hello as either could read
// or block what is not theirs.
TEST(ServerSession, ReservedIdsAreRefused) {
  ServerProcess server;
  for (const char* kind : {"user", "agent"}) {
    for (const char* id : {"bot", "parley:agents"}) {
      RawWsClient client;
      ASSERT_TRUE(client.connect(server.url()));
      const Json reply = client.hello(server.mint_token(id, "Not them", kind));
      EXPECT_EQ(error_code(reply), "forbidden") << id << " as " << kind << ": " << reply.dump();
    }
  }
}

TEST(ServerSession, HelloArgumentsAreValidated) {
  ServerProcess server;
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  EXPECT_EQ(error_code(client.request("hello", Json::object())), "bad_request");
  EXPECT_EQ(error_code(client.request("hello", {{"token", 42}})), "bad_request");
  const std::string token = server.mint_token("u-1", "Ann");
  EXPECT_EQ(error_code(client.request("hello", {{"token", token}, {"resume_from", -1}})), "bad_request");
  EXPECT_EQ(error_code(client.request("hello", {{"token", token}, {"locale", std::string(200, 'x')}})),
            "too_large");
  EXPECT_TRUE(is_res(client.hello(token)));
}

TEST(ServerSession, PingAnswersWithServerTime) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  const Json reply = client->request("ping");
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  EXPECT_GT(reply["result"]["server_time"].get<std::int64_t>(), 1'600'000'000'000);
}

TEST(ServerSession, UpgradeNeedsTheSubprotocolAndThePath) {
  ServerProcess server;
  RawWsClient no_subprotocol;
  EXPECT_FALSE(no_subprotocol.connect(server.url(), ""));
  RawWsClient other_subprotocol;
  EXPECT_FALSE(other_subprotocol.connect(server.url(), "chat.v9"));
  RawWsClient other_path;
  EXPECT_FALSE(other_path.connect("ws://127.0.0.1:" + std::to_string(server.port()) + "/v2"));
  // And the server is still serving.
  auto client = connect_as(server, "u-1");
  EXPECT_TRUE(is_res(client->request("ping")));
}

TEST(ServerSession, SilentConnectionIsClosedWhileAnAnsweringOneStays) {
  ServerProcess server(with_args({"--heartbeat-ms", "500"}));
  // This client's WebSocket stack answers the server's pings, though the test sends nothing.
  auto idle = connect_as(server, "u-1");
  SilentWsSocket silent(server.port());
  EXPECT_TRUE(silent.wait_closed_by_peer());
  // The silent one was closed after three intervals; the idle one has been quiet as long.
  EXPECT_FALSE(idle->closed());
  EXPECT_TRUE(is_res(idle->request("ping")));
}

TEST(ServerSession, SigtermExitsCleanly) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  server.stop();
  EXPECT_EQ(server.last_exit_status(), 0);
  EXPECT_TRUE(wait_until([&] { return client->closed(); }));
}

}  // namespace
}  // namespace parley::test
