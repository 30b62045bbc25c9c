#pragma once
// A WebSocket peer that completes the upgrade and then says nothing at all: it neither sends
// frames nor answers pings. Tests use it to check that the server drops silent connections.
#include <chrono>
#include <string>

namespace parley::test {

class SilentWsSocket {
 public:
  // Connects to 127.0.0.1:port and performs the upgrade to `path` with subprotocol parley.v1.
  // Throws std::runtime_error if the server does not answer 101 within 10 s.
  SilentWsSocket(int port, const std::string& path = "/v1");
  ~SilentWsSocket();
  SilentWsSocket(const SilentWsSocket&) = delete;
  SilentWsSocket& operator=(const SilentWsSocket&) = delete;

  // Waits until the server closes the TCP connection (reading and discarding whatever it
  // sends, pings included). False if it is still open at the deadline.
  bool wait_closed_by_peer(std::chrono::milliseconds deadline = std::chrono::seconds(10));

 private:
  int fd_ = -1;
};

}  // namespace parley::test
