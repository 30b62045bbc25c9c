#pragma once
// The server alone: many connections in one thread speak the wire protocol directly (no SDK,
// no store), each keeping a window of chat.send requests in flight, so that what is measured is
// how many messages one parley-server process stores and acknowledges per second of its CPU.
#include <string>
#include <vector>

namespace parley::bench {

struct RawLoadResult {
  int connections = 0;
  int messages = 0;
  double messages_per_second = 0;
  double server_cpu_share = 0;  // server CPU time / wall time (1.0 = one core busy)
};

// tokens: one per sending connection (user tokens). listener_tokens: agents that say hello and
// then only take the events every message brings them, as agents online do.
RawLoadResult run_raw_load(int port, int server_pid, const std::vector<std::string>& tokens,
                           const std::vector<std::string>& listener_tokens,
                           int messages_per_connection, int window);

}  // namespace parley::bench
