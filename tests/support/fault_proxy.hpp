#pragma once
// A loopback TCP proxy that injects network faults between clients and a server, for chaos
// tests: it cuts connections (FIN or RST), stalls them (both ways, as a dead Wi-Fi link does;
// the link then comes back or is cut), delays bytes, and splits the stream into small pieces.
// Faults are drawn from a seeded PRNG, so a failing run's seed names its fault pattern (thread
// timing still varies a little). freeze()/thaw() make every path a black hole on demand.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace parley::test {

struct FaultProfile {
  double cuts_per_second = 0;    // per connection
  double stalls_per_second = 0;  // per connection; a stall ends in a cut half the time,
                                 // else the held bytes flow again
  std::chrono::milliseconds max_stall{1500};
  double delay_probability = 0;  // per piece forwarded
  std::chrono::milliseconds max_delay{30};
  std::size_t max_piece = 0;     // 0: forward what is there; else pieces of 1..max_piece bytes

  static FaultProfile clean() { return {}; }
};

struct FaultCounts {
  std::uint64_t connections = 0, cuts = 0, stalls = 0, delays = 0, pieces = 0;
};

class FaultProxy {
 public:
  FaultProxy(int target_port, std::uint64_t seed);  // listens on a free loopback port at once
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  void set_profile(const FaultProfile& profile);
  FaultCounts counts() const;
  // A network path gone dead: no byte passes either way on any connection, new ones included,
  // and every socket stays open, so only heartbeats can notice.
  void freeze() { frozen_ = true; }
  // The path comes back: bytes flow again and the connections that went silent are cut (their
  // ends have moved on anyway), as SdkTcpRelay::thaw does.
  void thaw();

 private:
  struct Direction {
    std::string buffer;
    std::chrono::steady_clock::time_point held_until{};
  };
  struct Pair {
    int client = -1;
    int server = -1;
    Direction up;    // client → server
    Direction down;  // server → client
    std::chrono::steady_clock::time_point stalled_until{};
    bool cut_when_stall_ends = false;
    bool closed = false;
  };
  void run();
  void accept_one();
  void inject_faults(Pair& pair, double seconds);
  void cut(Pair& pair);
  bool pump_in(int from, Direction& to);       // false when `from` is done
  // False when `to` failed. Holds everything while the pair is stalled or the proxy frozen.
  bool pump_out(int to, Direction& from, std::chrono::steady_clock::time_point stalled_until);
  bool take_command();  // reads the wake-up pipe; false when told to stop
  template <typename T>
  T uniform(T low, T high);
  bool chance(double probability);

  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};
  std::mt19937_64 random_;
  mutable std::mutex mutex_;  // guards profile_ and counts_
  FaultProfile profile_;
  FaultCounts counts_;
  std::atomic<bool> frozen_{false};
  std::vector<Pair> pairs_;  // the proxy thread's alone
  std::thread thread_;
};

}  // namespace parley::test
