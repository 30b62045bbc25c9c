#include "transport/backoff.hpp"

#include <algorithm>
#include <random>

namespace parley::transport {

Backoff::Backoff(Duration base, Duration cap, Jitter jitter)
    : base_(std::max(base, Duration(1))), cap_(std::max(cap, base_)), jitter_(std::move(jitter)) {}

Backoff::Duration Backoff::ceiling() const noexcept {
  // Doubling stops once the cap is reached, so the shift never overflows.
  Duration delay = base_;
  for (int i = 0; i < failures_ && delay < cap_; ++i) delay *= 2;
  return std::min(delay, cap_);
}

Backoff::Duration Backoff::next_delay() {
  const Duration limit = ceiling();
  if (failures_ < 64) ++failures_;
  return std::clamp(jitter_(limit), Duration(0), limit);
}

Backoff::Jitter Backoff::uniform_jitter() {
  return [](Duration ceiling) {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<Duration::rep> pick(0, ceiling.count());
    return Duration(pick(engine));
  };
}

}  // namespace parley::transport
