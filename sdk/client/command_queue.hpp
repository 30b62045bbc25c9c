#pragma once
// Work handed from the app's threads to the client's thread. The client's thread takes all
// waiting commands at once, after each wake-up.
#include <deque>
#include <functional>
#include <mutex>
#include <utility>

namespace parley::client {

class Engine;
using Command = std::function<void(Engine&)>;

class CommandQueue {
 public:
  void push(Command command) {
    const std::lock_guard lock(mutex_);
    commands_.push_back(std::move(command));
  }
  std::deque<Command> take_all() {
    const std::lock_guard lock(mutex_);
    return std::exchange(commands_, {});
  }

 private:
  std::mutex mutex_;
  std::deque<Command> commands_;
};

}  // namespace parley::client
