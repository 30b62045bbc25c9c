#pragma once
// A small blocking WebSocket client for protocol-level tests. It runs its own libwebsockets
// context on its own thread and sends exactly the bytes it is given (invalid UTF-8, binary
// frames, fragments), so tests can speak to parley-server as a misbehaving client would.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

struct lws;
struct lws_context;

namespace parley::test {

class RawWsClient {
 public:
  RawWsClient();
  ~RawWsClient();
  RawWsClient(const RawWsClient&) = delete;
  RawWsClient& operator=(const RawWsClient&) = delete;

  // Opens the connection and waits for the upgrade (deadline 10 s). An empty subprotocol
  // sends none. False if the server refused or the connection failed.
  bool connect(const std::string& url, const std::string& subprotocol = "parley.v1");

  void send_text(std::string_view bytes);
  void send_binary(std::string_view bytes);
  // One text message sent as several WebSocket frames (a first frame and continuations).
  void send_fragmented_text(const std::vector<std::string>& parts);
  // Closes from our side (normal closure) without waiting.
  void close();

  // The next whole message from the server, in arrival order.
  std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next message parsed as JSON; throws std::runtime_error on timeout or non-JSON.
  nlohmann::json receive_json(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Sends {"type":"req","id":<fresh>,"op":op,"args":args} and returns the reply frame with that
  // id (a "res" or an "err"). Frames that arrive before it stay queued for receive(), in order.
  // Throws std::runtime_error if no reply comes within the timeout.
  nlohmann::json request(const std::string& op, const nlohmann::json& args = nlohmann::json::object(),
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // request("hello", {token, resume_from, locale, …}).
  nlohmann::json hello(const std::string& token, std::uint64_t resume_from = 0,
                       const std::string& locale = "en-US");

  bool connected() const;
  bool closed() const;  // the connection was closed (by either side) or failed

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::test
