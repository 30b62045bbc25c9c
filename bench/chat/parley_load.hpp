#pragma once
// Parley's side of the chat benchmark: the real parley-server (a child process, its database
// on disk) and parley::Client users and an agent in this process.
#include <string>
#include <vector>

#include "raw_load.hpp"
#include "stats.hpp"

namespace parley::bench {

struct ThroughputResult {
  int clients = 0;
  int messages = 0;
  double messages_per_second = 0;  // acknowledged by the server
  double server_cpu_share = 0;     // server CPU time / wall time (1.0 = one core busy)
};

struct ParleyLatency {
  Latency acknowledged;  // send_message() called → its message_sent event
  Latency delivered;     // send_message() called → the agent's message_received event
};

class ParleyLoad {
 public:
  ParleyLoad();  // starts the server, pinned to one CPU where the machine has several
  ~ParleyLoad();
  ParleyLoad(const ParleyLoad&) = delete;
  ParleyLoad& operator=(const ParleyLoad&) = delete;

  ParleyLatency latency(int rounds, std::size_t text_bytes);
  // backlog: how many unacknowledged messages a sender lets pile up before it waits (0: none,
  // everything is queued at once). Twice the SDK's outbox window keeps the window full.
  ThroughputResult throughput(int clients, int messages_per_client, std::size_t text_bytes,
                              int backlog = kDefaultBacklog);
  static constexpr int kDefaultBacklog = 128;
  // The same server driven over the raw protocol (see raw_load.hpp), with `agents` agents
  // online taking every message's event.
  RawLoadResult raw_throughput(int connections, int messages_per_connection, int window,
                               int agents = 0);
  int server_cpu() const;  // the CPU the server is pinned to, or -1 if it is not pinned

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace parley::bench
