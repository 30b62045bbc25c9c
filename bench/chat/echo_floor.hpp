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

}  // namespace parley::bench
