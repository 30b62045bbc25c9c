#include "client/event_queue.hpp"

#include <utility>

namespace parley::client {

void EventQueue::push(Event event) {
  std::function<void()> wakeup;
  {
    const std::lock_guard lock(mutex_);
    const bool was_empty = events_.empty();
    events_.push_back(std::move(event));
    if (was_empty) wakeup = wakeup_;
  }
  ready_.notify_one();
  if (wakeup) wakeup();
}

std::optional<Event> EventQueue::pop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!ready_.wait_for(lock, timeout, [this] { return !events_.empty(); })) return std::nullopt;
  Event event = std::move(events_.front());
  events_.pop_front();
  return event;
}

void EventQueue::set_wakeup(std::function<void()> wakeup) {
  std::function<void()> previous;
  std::function<void()> call_now;
  {
    const std::lock_guard lock(mutex_);
    previous = std::exchange(wakeup_, std::move(wakeup));
    // Events queued before the callback was set would otherwise never be announced: the
    // queue only calls it when it goes from empty to non-empty.
    if (!events_.empty()) call_now = wakeup_;
  }
  if (call_now) call_now();
  // The previous function (and whatever it owns) is released here, outside the lock.
}

}  // namespace parley::client
