#include "silent_ws_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace parley::test {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

SilentWsSocket::SilentWsSocket(int port, const std::string& path) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("SilentWsSocket: socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    throw std::runtime_error("SilentWsSocket: connect failed");
  }
  // A fixed key is fine: the test does not check the server's accept hash.
  const std::string upgrade = "GET " + path + " HTTP/1.1\r\n" +
                              "Host: 127.0.0.1:" + std::to_string(port) + "\r\n" +
                              "Upgrade: websocket\r\n"
                              "Connection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              "Sec-WebSocket-Version: 13\r\n"
                              "Sec-WebSocket-Protocol: parley.v1\r\n\r\n";
  if (::send(fd_, upgrade.data(), upgrade.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(upgrade.size())) {
    ::close(fd_);
    throw std::runtime_error("SilentWsSocket: sending the upgrade failed");
  }
  std::string response;
  const auto until = Clock::now() + std::chrono::seconds(10);
  while (response.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd_, POLLIN, 0};
    char buf[1024];
    ssize_t got = -1;
    if (::poll(&p, 1, remaining_ms(until)) > 0) got = ::recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) {
      ::close(fd_);
      throw std::runtime_error("SilentWsSocket: no upgrade response; got: " + response);
    }
    response.append(buf, static_cast<std::size_t>(got));
  }
  if (response.rfind("HTTP/1.1 101", 0) != 0) {
    ::close(fd_);
    throw std::runtime_error("SilentWsSocket: upgrade refused: " + response);
  }
}

SilentWsSocket::~SilentWsSocket() {
  if (fd_ >= 0) ::close(fd_);
}

bool SilentWsSocket::wait_closed_by_peer(std::chrono::milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    const int n = ::poll(&p, 1, remaining_ms(until));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    char buf[1024];
    const ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) return true;  // EOF or reset: the server closed the connection
  }
}

}  // namespace parley::test
