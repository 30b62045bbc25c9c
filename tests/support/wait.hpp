#pragma once
// Waiting for a condition in tests, instead of sleeping for a guessed time.
#include <chrono>
#include <functional>

namespace parley::test {

// Polls `condition` until it holds or `deadline` passes; returns whether it held. The deadline
// is generous on purpose: it bounds a failing test, it is not a timing assertion.
bool wait_until(const std::function<bool()>& condition,
                std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace parley::test
