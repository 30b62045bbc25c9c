#pragma once
// Shared steps of the parley-server integration tests: connecting and saying hello, reading
// replies and events. Header-only; each test binary includes it once.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "raw_ws_client.hpp"
#include "server_process.hpp"

namespace parley::test {

using Json = nlohmann::json;

// ServerOptions with one field set (designated initializers trip -Wmissing-field-initializers).
inline ServerOptions with_args(std::vector<std::string> extra_args) {
  ServerOptions options;
  options.extra_args = std::move(extra_args);
  return options;
}
inline ServerOptions with_bot() {
  ServerOptions options;
  options.bot = true;
  return options;
}
// The "id"s of a JSON list of articles, sorted.
inline std::vector<std::string> ids_of(const Json& articles) {
  std::vector<std::string> ids;
  for (const auto& a : articles) ids.push_back(a["id"]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

inline ServerOptions with_faq_dir(std::string dir) {
  ServerOptions options;
  options.faq_dir = std::move(dir);
  return options;
}

inline bool is_res(const Json& reply) { return reply.value("type", "") == "res"; }

// The error code of an `err` frame, or "" for anything else.
inline std::string error_code(const Json& reply) {
  if (reply.value("type", "") != "err") return "";
  return reply["error"].value("code", "");
}

// A client that has connected and completed hello as `sub` (asserts on failure).
inline std::unique_ptr<RawWsClient> connect_as(const ServerProcess& server, const std::string& sub,
                                               const std::string& kind = "user",
                                               std::uint64_t resume_from = 0,
                                               const std::string& locale = "en-US") {
  auto client = std::make_unique<RawWsClient>();
  EXPECT_TRUE(client->connect(server.url()));
  const Json welcome = client->hello(server.mint_token(sub, sub + " name", kind), resume_from, locale);
  EXPECT_TRUE(is_res(welcome)) << welcome.dump();
  return client;
}

// Every frame the server sent this client up to now: a ping's reply comes after everything
// the server queued for this session before it, so nothing sent earlier is still on the way.
inline std::vector<Json> frames_so_far(RawWsClient& client) {
  const Json pong = client.request("ping");
  EXPECT_TRUE(is_res(pong)) << pong.dump();
  std::vector<Json> frames;
  while (auto frame = client.receive(std::chrono::milliseconds(0))) {
    frames.push_back(Json::parse(*frame));
  }
  return frames;
}

// The events among frames_so_far(), in arrival order.
inline std::vector<Json> events_so_far(RawWsClient& client) {
  std::vector<Json> events;
  for (auto& frame : frames_so_far(client)) {
    if (frame.value("type", "") == "event") events.push_back(std::move(frame));
  }
  return events;
}

// The args of a chat.send / ticket.create / … with a client_id.
inline Json with_client_id(Json args, const std::string& client_id) {
  args["client_id"] = client_id;
  return args;
}

}  // namespace parley::test
