// Backoff: capped exponential ceilings, full jitter within them, reset on success.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <vector>

#include "transport/backoff.hpp"

namespace {

using parley::transport::Backoff;
using ms = std::chrono::milliseconds;

// Jitter that always picks the ceiling, so the sequence shows the ceilings themselves.
Backoff::Jitter ceiling_jitter() {
  return [](ms ceiling) { return ceiling; };
}

TEST(SdkBackoff, CeilingDoublesFromBaseUpToTheCap) {
  Backoff backoff(ms(250), ms(30000), ceiling_jitter());
  const ms expected[] = {ms(250),   ms(500),   ms(1000),  ms(2000),  ms(4000),
                         ms(8000),  ms(16000), ms(30000), ms(30000), ms(30000)};
  for (const auto want : expected) EXPECT_EQ(backoff.next_delay(), want);
  EXPECT_EQ(backoff.failures(), 10);
}

TEST(SdkBackoff, StaysAtTheCapAfterManyFailures) {
  Backoff backoff(ms(1), ms(5000), ceiling_jitter());
  for (int i = 0; i < 1000; ++i) backoff.next_delay();
  EXPECT_EQ(backoff.next_delay(), ms(5000));
}

TEST(SdkBackoff, ResetStartsOverFromBase) {
  Backoff backoff(ms(100), ms(10000), ceiling_jitter());
  backoff.next_delay();
  backoff.next_delay();
  backoff.next_delay();
  backoff.reset();
  EXPECT_EQ(backoff.failures(), 0);
  EXPECT_EQ(backoff.next_delay(), ms(100));
}

TEST(SdkBackoff, JitterIsAskedForTheCurrentCeiling) {
  std::vector<ms> asked;
  Backoff backoff(ms(10), ms(35), [&](ms ceiling) {
    asked.push_back(ceiling);
    return ms(0);
  });
  for (int i = 0; i < 4; ++i) EXPECT_EQ(backoff.next_delay(), ms(0));
  EXPECT_EQ(asked, (std::vector<ms>{ms(10), ms(20), ms(35), ms(35)}));
}

TEST(SdkBackoff, OutOfRangeJitterIsClampedIntoZeroToCeiling) {
  Backoff high(ms(10), ms(100), [](ms ceiling) { return ceiling * 5; });
  EXPECT_EQ(high.next_delay(), ms(10));
  Backoff low(ms(10), ms(100), [](ms) { return ms(-7); });
  EXPECT_EQ(low.next_delay(), ms(0));
}

TEST(SdkBackoff, UniformJitterStaysWithinTheCeilingAndVaries) {
  Backoff backoff(ms(1000), ms(1000));  // the ceiling is 1000 every time
  std::set<ms::rep> seen;
  for (int i = 0; i < 200; ++i) {
    const ms delay = backoff.next_delay();
    ASSERT_GE(delay, ms(0));
    ASSERT_LE(delay, ms(1000));
    seen.insert(delay.count());
  }
  // Full jitter: 200 uniform draws from 1001 values are not all alike.
  EXPECT_GT(seen.size(), 50u);
}

TEST(SdkBackoff, CapBelowBaseIsRaisedToBase) {
  Backoff backoff(ms(500), ms(100), ceiling_jitter());
  EXPECT_EQ(backoff.next_delay(), ms(500));
  EXPECT_EQ(backoff.next_delay(), ms(500));
}

}  // namespace
