#pragma once
// A loopback TCP relay in front of the real server, to simulate a network path that goes
// dead: when frozen it swallows bytes both ways and keeps every socket open (a black hole, as
// a dropped Wi-Fi link looks to both ends), so that only heartbeats can notice.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace parley::test {

class SdkTcpRelay {
 public:
  explicit SdkTcpRelay(int target_port);  // listens on a free loopback port at once
  ~SdkTcpRelay();
  SdkTcpRelay(const SdkTcpRelay&) = delete;
  SdkTcpRelay& operator=(const SdkTcpRelay&) = delete;

  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  void freeze() { frozen_ = true; }
  // Lets bytes through again and resets the connections that went silent, as a network that
  // comes back does (their ends have moved on anyway).
  void thaw();

 private:
  struct Pair {
    int client = -1;
    int server = -1;
  };
  void run();
  void close_all();
  void accept_one();
  // Moves what `from` has to `to`; false when `from` is done (closed or failed).
  bool pump(int from, int to);

  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};
  std::atomic<bool> frozen_{false};
  std::vector<Pair> pairs_;  // the relay thread's alone
  std::thread thread_;
};

}  // namespace parley::test
