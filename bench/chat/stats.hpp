#pragma once
// Percentiles and rates of one benchmark measurement.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace parley::bench {

using Clock = std::chrono::steady_clock;

struct Latency {
  double p50_us = 0;
  double p99_us = 0;
};

inline Latency percentiles(std::vector<double> micros) {
  if (micros.empty()) return {};
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) { return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))]; };
  return Latency{at(0.50), at(0.99)};
}

inline double micros_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::micro>(to - from).count();
}

}  // namespace parley::bench
