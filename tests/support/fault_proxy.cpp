#include "fault_proxy.hpp"

#include <fcntl.h>
#include <poll.h>

#include "loopback_socket.hpp"

#include <algorithm>
#include <stdexcept>

namespace parley::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxBuffered = 1 << 20;  // per direction: stop reading beyond this
constexpr char kStop = 's';  // wake-up pipe commands for the proxy thread
constexpr char kThaw = 't';

void make_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

FaultProxy::FaultProxy(int target_port, std::uint64_t seed)
    : target_port_(target_port), random_(seed) {
  listen_fd_ = listen_on_loopback(port_, "FaultProxy");
  if (::pipe(wake_) != 0) {
    close_fd(listen_fd_);
    throw std::runtime_error("FaultProxy: cannot make its wake-up pipe");
  }
  thread_ = std::thread([this] { run(); });
}

FaultProxy::~FaultProxy() {
  (void)!::write(wake_[1], &kStop, 1);
  thread_.join();
  for (auto& pair : pairs_) {
    close_fd(pair.client);
    close_fd(pair.server);
  }
  close_fd(listen_fd_);
  close_fd(wake_[0]);
  close_fd(wake_[1]);
}

void FaultProxy::set_profile(const FaultProfile& profile) {
  const std::lock_guard lock(mutex_);
  profile_ = profile;
}

void FaultProxy::thaw() {
  frozen_ = false;
  (void)!::write(wake_[1], &kThaw, 1);
}

FaultCounts FaultProxy::counts() const {
  const std::lock_guard lock(mutex_);
  return counts_;
}

template <typename T>
T FaultProxy::uniform(T low, T high) {
  if constexpr (std::is_integral_v<T>) {
    return std::uniform_int_distribution<T>(low, high)(random_);
  } else {
    return std::uniform_real_distribution<T>(low, high)(random_);
  }
}

bool FaultProxy::chance(double probability) {
  return probability > 0 && uniform(0.0, 1.0) < probability;
}

void FaultProxy::accept_one() {
  int client = ::accept(listen_fd_, nullptr, nullptr);
  if (client < 0) return;
  int server = ::socket(AF_INET, SOCK_STREAM, 0);
  const auto addr = loopback(target_port_);
  if (server < 0 || ::connect(server, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    close_fd(server);
    close_fd(client);  // the server is down: the client sees its connection refused, late
    return;
  }
  make_nonblocking(client);
  make_nonblocking(server);
  Pair pair;
  pair.client = client;
  pair.server = server;
  pairs_.push_back(std::move(pair));
  const std::lock_guard lock(mutex_);
  ++counts_.connections;
}

void FaultProxy::cut(Pair& pair) {
  const bool reset = chance(0.5);
  close_fd(pair.client, reset);
  close_fd(pair.server, reset);
  pair.closed = true;
}

void FaultProxy::inject_faults(Pair& pair, double seconds) {
  FaultProfile profile;
  {
    const std::lock_guard lock(mutex_);
    profile = profile_;
  }
  const auto now = Clock::now();
  const bool stalled = pair.stalled_until > now;
  const bool stall_ended_in_cut = !stalled && pair.cut_when_stall_ends;
  if (stall_ended_in_cut || chance(profile.cuts_per_second * seconds)) {
    cut(pair);
    const std::lock_guard lock(mutex_);
    ++counts_.cuts;
    return;
  }
  if (!stalled && chance(profile.stalls_per_second * seconds)) {
    pair.stalled_until = now + std::chrono::milliseconds(uniform<long>(100, profile.max_stall.count()));
    pair.cut_when_stall_ends = chance(0.5);
    const std::lock_guard lock(mutex_);
    ++counts_.stalls;
  }
}

bool FaultProxy::pump_in(int from, Direction& to) {
  char chunk[16384];
  while (to.buffer.size() < kMaxBuffered) {
    const auto n = ::recv(from, chunk, sizeof chunk, 0);
    if (n == 0) return false;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    to.buffer.append(chunk, static_cast<std::size_t>(n));
  }
  return true;
}

bool FaultProxy::pump_out(int to, Direction& from, Clock::time_point stalled_until) {
  FaultProfile profile;
  {
    const std::lock_guard lock(mutex_);
    profile = profile_;
  }
  if (frozen_) return true;
  while (!from.buffer.empty() && Clock::now() >= std::max(from.held_until, stalled_until)) {
    if (chance(profile.delay_probability)) {
      from.held_until = Clock::now() + std::chrono::milliseconds(uniform<long>(1, profile.max_delay.count()));
      const std::lock_guard lock(mutex_);
      ++counts_.delays;
      return true;
    }
    std::size_t piece = from.buffer.size();
    if (profile.max_piece > 0) piece = std::min(piece, uniform<std::size_t>(1, profile.max_piece));
    const auto n = ::send(to, from.buffer.data(), piece, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    from.buffer.erase(0, static_cast<std::size_t>(n));
    const std::lock_guard lock(mutex_);
    ++counts_.pieces;
    if (profile.max_piece > 0) return true;  // one piece per turn: the peer reads it alone
  }
  return true;
}

bool FaultProxy::take_command() {
  char command = kStop;
  if (::read(wake_[0], &command, 1) != 1 || command == kStop) return false;
  for (auto& pair : pairs_) {  // kThaw: the connections that went silent are cut
    close_fd(pair.client);
    close_fd(pair.server);
    pair.closed = true;
  }
  return true;
}

void FaultProxy::run() {
  auto last = Clock::now();
  for (;;) {
    std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    for (const auto& pair : pairs_) {
      fds.push_back({pair.client, POLLIN, 0});
      fds.push_back({pair.server, POLLIN, 0});
    }
    // A short timeout: held bytes are released, and faults drawn, on time.
    ::poll(fds.data(), fds.size(), 2);
    if ((fds[1].revents & POLLIN) && !take_command()) return;
    if (fds[0].revents & POLLIN) accept_one();
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    for (auto& pair : pairs_) {
      if (pair.closed) continue;
      if (!frozen_) inject_faults(pair, seconds);
      if (pair.closed) continue;
      const bool alive = pump_in(pair.client, pair.up) && pump_in(pair.server, pair.down) &&
                         pump_out(pair.server, pair.up, pair.stalled_until) &&
                         pump_out(pair.client, pair.down, pair.stalled_until);
      if (!alive) {
        // One end closed or failed: so does the other, as across a real network.
        close_fd(pair.client);
        close_fd(pair.server);
        pair.closed = true;
      }
    }
    pairs_.erase(std::remove_if(pairs_.begin(), pairs_.end(), [](const Pair& p) { return p.closed; }),
                 pairs_.end());
  }
}

}  // namespace parley::test
