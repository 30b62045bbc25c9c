#pragma once
// The floor: a raw libwebsockets echo server and client on loopback, in one process, doing
// what a chat message does at the least — a text frame to a server and one back.
#include <cstddef>

#include "stats.hpp"

namespace parley::bench {

struct EchoResult {
  Latency round_trip;          // one frame at a time
  double frames_per_second = 0;  // `window` frames in flight
};

EchoResult measure_echo(std::size_t frame_bytes, int sequential_rounds, int pipelined_frames,
                        int window);

// The same echo, one frame at a time, with the two hand-offs between threads that an SDK
// running its own I/O thread pays on every request: the app's thread hands the frame to the
// client's loop thread (a locked queue and a wake-up), and the loop thread hands the echo back
// (a condition variable). No store, no protocol: the least such an SDK can take.
Latency measure_handed_off_echo(std::size_t frame_bytes, int rounds);

}  // namespace parley::bench
