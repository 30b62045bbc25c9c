#pragma once
// Small POSIX socket steps shared by the test relays and proxies: a loopback address, a
// listening socket on a free port, closing (optionally with RST), connecting to a port.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace parley::test {

inline sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// Closes and forgets `fd`. With reset, the peer gets RST instead of FIN (linger 0), as when a
// middlebox drops the connection's state.
inline void close_fd(int& fd, bool reset = false) {
  if (fd < 0) return;
  if (reset) {
    linger hard{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  }
  ::close(fd);
  fd = -1;
}

// A socket listening on a free loopback port; sets `port`. Throws std::runtime_error naming
// `who` if it cannot.
inline int listen_on_loopback(int& port, const std::string& who) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(0);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, 64) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close_fd(fd);
    throw std::runtime_error(who + ": cannot listen on loopback");
  }
  port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace parley::test
