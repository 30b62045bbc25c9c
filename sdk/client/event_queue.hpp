#pragma once
// The events waiting for the app: filled by the client's thread, drained by poll_event() on
// the app's thread of choice.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "parley/event.hpp"

namespace parley::client {

class EventQueue {
 public:
  // Appends; if the queue was empty, calls the wake-up function (outside the lock, so that it
  // may poll at once).
  void push(Event event);
  // The oldest event, waiting up to `timeout` for one.
  std::optional<Event> pop(std::chrono::milliseconds timeout);
  void set_wakeup(std::function<void()> wakeup);

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Event> events_;
  std::function<void()> wakeup_;  // guarded by mutex_; copied before it is called
};

}  // namespace parley::client
