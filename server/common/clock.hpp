#pragma once
// Wall-clock time as the protocol states it: integers since the Unix epoch (UTC).
#include <chrono>
#include <cstdint>

namespace parley::server {

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline std::int64_t now_seconds() { return now_ms() / 1000; }

}  // namespace parley::server
