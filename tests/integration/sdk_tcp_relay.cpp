#include "sdk_tcp_relay.hpp"

#include <poll.h>

#include <stdexcept>

#include "loopback_socket.hpp"

namespace parley::test {
namespace {

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const auto n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

SdkTcpRelay::SdkTcpRelay(int target_port) : target_port_(target_port) {
  listen_fd_ = listen_on_loopback(port_, "SdkTcpRelay");
  if (::pipe(wake_) != 0) {
    close_fd(listen_fd_);
    throw std::runtime_error("SdkTcpRelay: cannot make its wake-up pipe");
  }
  thread_ = std::thread([this] { run(); });
}

namespace {
constexpr char kStop = 's';   // wake-pipe commands for the relay thread
constexpr char kReset = 'r';
}  // namespace

SdkTcpRelay::~SdkTcpRelay() {
  (void)!::write(wake_[1], &kStop, 1);
  thread_.join();
  close_all();
  close_fd(listen_fd_);
  close_fd(wake_[0]);
  close_fd(wake_[1]);
}

void SdkTcpRelay::thaw() {
  frozen_ = false;
  (void)!::write(wake_[1], &kReset, 1);
}

void SdkTcpRelay::close_all() {
  for (auto& p : pairs_) {
    close_fd(p.client);
    close_fd(p.server);
  }
  pairs_.clear();
}

void SdkTcpRelay::accept_one() {
  Pair pair;
  pair.client = ::accept(listen_fd_, nullptr, nullptr);
  if (pair.client < 0) return;
  pair.server = ::socket(AF_INET, SOCK_STREAM, 0);
  const auto target = loopback(target_port_);
  if (pair.server < 0 ||
      ::connect(pair.server, reinterpret_cast<const sockaddr*>(&target), sizeof target) != 0) {
    close_fd(pair.client);  // the server is down: refuse, as it would
    close_fd(pair.server);
    return;
  }
  pairs_.push_back(pair);
}

bool SdkTcpRelay::pump(int from, int to) {
  char buffer[65536];
  const auto n = ::recv(from, buffer, sizeof buffer, 0);
  if (n <= 0) return false;
  if (frozen_ || to < 0) return true;  // swallowed
  return write_all(to, buffer, static_cast<std::size_t>(n));
}

void SdkTcpRelay::run() {
  for (;;) {
    std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    for (const auto& p : pairs_) {
      fds.push_back({p.client, POLLIN, 0});
      fds.push_back({p.server, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), -1) < 0) continue;
    if (fds[0].revents != 0) {
      char command = kStop;
      if (::read(wake_[0], &command, 1) != 1 || command == kStop) return;
      close_all();  // kReset
      continue;
    }
    const std::size_t polled = pairs_.size();
    for (std::size_t i = 0; i < polled; ++i) {
      Pair& p = pairs_[i];
      const short from_client = fds[2 + 2 * i].revents;
      const short from_server = fds[3 + 2 * i].revents;
      // A side that ends closes its peer too, unless frozen: a black hole tells nobody.
      if (from_client && p.client >= 0 && !pump(p.client, p.server)) {
        close_fd(p.client);
        if (!frozen_) close_fd(p.server);
      }
      if (from_server && p.server >= 0 && !pump(p.server, p.client)) {
        close_fd(p.server);
        if (!frozen_) close_fd(p.client);
      }
    }
    std::erase_if(pairs_, [](const Pair& p) { return p.client < 0 && p.server < 0; });
    if (fds[1].revents & POLLIN) accept_one();
  }
}

}  // namespace parley::test
