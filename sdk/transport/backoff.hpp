#pragma once
// Reconnect delays: capped exponential backoff with full jitter (docs/protocol.md, section 5).
// The n-th consecutive failure waits random(0, min(cap, base * 2^n)), n counting from 0; a
// success resets n. A pure policy: it schedules nothing, so it is tested on its own.
#include <chrono>
#include <functional>

namespace parley::transport {

class Backoff {
 public:
  using Duration = std::chrono::milliseconds;
  // Picks a delay in [0, ceiling]; injected so that tests can see the ceilings.
  using Jitter = std::function<Duration(Duration ceiling)>;

  Backoff(Duration base, Duration cap, Jitter jitter = uniform_jitter());

  // The delay before the next attempt; counts one more consecutive failure.
  Duration next_delay();
  void reset() noexcept { failures_ = 0; }
  int failures() const noexcept { return failures_; }
  // min(cap, base * 2^failures): the largest delay next_delay() may return now.
  Duration ceiling() const noexcept;

  // Uniformly random in [0, ceiling], from a generator seeded once per thread.
  static Jitter uniform_jitter();

 private:
  Duration base_;
  Duration cap_;
  Jitter jitter_;
  int failures_ = 0;
};

}  // namespace parley::transport
