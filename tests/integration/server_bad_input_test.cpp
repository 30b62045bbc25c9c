// parley-server under bad input: every malformed frame gets a typed `err`, the connection
// stays open, and the server keeps serving this client and others.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

class ServerBadInput : public ::testing::Test {
 protected:
  // A small frame limit keeps the oversized frames small.
  ServerProcess server{with_args({"--max-frame-bytes", "4096", "--max-text-bytes", "1024"})};
  std::unique_ptr<RawWsClient> client = connect_as(server, "u-1");
  std::unique_ptr<RawWsClient> other = connect_as(server, "u-2");

  // The next frame must be an err with this code and a null id.
  void expect_anonymous_error(const std::string& code) {
    const Json reply = client->receive_json();
    EXPECT_EQ(error_code(reply), code) << reply.dump();
    EXPECT_TRUE(reply["id"].is_null()) << reply.dump();
  }

  void expect_still_serving() {
    EXPECT_FALSE(client->closed());
    EXPECT_TRUE(is_res(client->request("ping")));
    EXPECT_TRUE(is_res(other->request("ping")));
  }
};

TEST_F(ServerBadInput, MalformedJson) {
  client->send_text(R"({"type":"req","id":"1","op":)");
  expect_anonymous_error("bad_request");
  expect_still_serving();
}

TEST_F(ServerBadInput, NotAnObject) {
  client->send_text(R"([1,2,3])");
  expect_anonymous_error("bad_request");
  client->send_text(R"("hello")");
  expect_anonymous_error("bad_request");
  expect_still_serving();
}

TEST_F(ServerBadInput, InvalidUtf8) {
  client->send_text("{\"type\":\"req\",\"id\":\"1\",\"op\":\"ping\",\"args\":{\"x\":\"\xC3\x28\"}}");
  const Json reply = client->receive_json();
  EXPECT_EQ(error_code(reply), "bad_request") << reply.dump();
  EXPECT_EQ(reply["error"]["message"], "frame is not valid UTF-8");
  expect_still_serving();
}

TEST_F(ServerBadInput, BinaryFrame) {
  client->send_binary(R"({"type":"req","id":"1","op":"ping"})");
  expect_anonymous_error("bad_request");
  expect_still_serving();
}

TEST_F(ServerBadInput, MissingOrMistypedFieldsKeepTheIdWhenReadable) {
  client->send_text(R"({"type":"req","id":"r-7"})");
  Json reply = client->receive_json();
  EXPECT_EQ(error_code(reply), "bad_request");
  EXPECT_EQ(reply["id"], "r-7");
  client->send_text(R"({"type":"req","id":"r-8","op":"ping","args":[1]})");
  reply = client->receive_json();
  EXPECT_EQ(error_code(reply), "bad_request");
  EXPECT_EQ(reply["id"], "r-8");
  client->send_text(R"({"type":"res","id":"r-9","op":"ping"})");
  reply = client->receive_json();
  EXPECT_EQ(error_code(reply), "bad_request");
  expect_still_serving();
}

TEST_F(ServerBadInput, UnknownOp) {
  EXPECT_EQ(error_code(client->request("chat.dance")), "bad_request");
  expect_still_serving();
}

TEST_F(ServerBadInput, OversizedFrameInOnePiece) {
  const std::string big = R"({"type":"req","id":"1","op":"ping","args":{"pad":")" +
                          std::string(5000, 'x') + R"("}})";
  client->send_text(big);
  const Json reply = client->receive_json();
  EXPECT_EQ(error_code(reply), "too_large") << reply.dump();
  EXPECT_TRUE(reply["id"].is_null());
  expect_still_serving();
}

TEST_F(ServerBadInput, OversizedFrameInFragments) {
  const std::string pad(1500, 'x');
  client->send_fragmented_text({R"({"type":"req","id":"1","op":"ping","args":{"a":")", pad, pad,
                                pad, R"("}})"});
  expect_anonymous_error("too_large");
  expect_still_serving();
}

TEST_F(ServerBadInput, FragmentsWithinTheLimitAreReassembled) {
  client->send_fragmented_text({R"({"type":"req",)", R"("id":"frag-1",)", R"("op":"ping"})"});
  const Json reply = client->receive_json();
  EXPECT_TRUE(is_res(reply)) << reply.dump();
  EXPECT_EQ(reply["id"], "frag-1");
}

TEST_F(ServerBadInput, OversizedAndInvalidArguments) {
  const Json long_text = {{"client_id", "m1"}, {"text", std::string(1025, 'a')}};
  EXPECT_EQ(error_code(client->request("chat.send", long_text)), "too_large");
  EXPECT_EQ(error_code(client->request("chat.send", {{"client_id", "m1"}, {"text", "   "}})),
            "bad_request");
  EXPECT_EQ(error_code(client->request("chat.send", {{"text", "hi"}})), "bad_request");
  EXPECT_EQ(error_code(client->request("chat.send", {{"client_id", "bad id!"}, {"text", "hi"}})),
            "bad_request");
  EXPECT_EQ(error_code(client->request("chat.history", {{"conversation_id", "c-1"}, {"limit", 0}})),
            "bad_request");
  // Invalid UTF-8 inside a string argument is caught by the frame check first, the same way.
  client->send_text(
      "{\"type\":\"req\",\"id\":\"u8\",\"op\":\"chat.send\",\"args\":{\"client_id\":\"m2\","
      "\"text\":\"\xFF\"}}");
  EXPECT_EQ(error_code(client->receive_json()), "bad_request");
  // Nothing of this was stored.
  EXPECT_EQ(client->request("chat.conversations")["result"]["conversations"].size(), 0u);
  expect_still_serving();
}

TEST_F(ServerBadInput, AStormOfBadFramesLosesNothing) {
  for (int i = 0; i < 20; ++i) {
    client->send_text("\xFF\xFE");
    client->send_binary("x");
    client->send_text("{");
  }
  int errors = 0;
  while (errors < 60) {
    const Json reply = client->receive_json();
    ASSERT_EQ(reply.value("type", ""), "err") << reply.dump();
    ++errors;
  }
  const Json sent = client->request("chat.send", {{"client_id", "after-storm"}, {"text", "still here"}});
  ASSERT_TRUE(is_res(sent)) << sent.dump();
  EXPECT_EQ(sent["result"]["message"]["text"], "still here");
  expect_still_serving();
}

}  // namespace
}  // namespace parley::test
