#pragma once
// The terminal side of chat-cli: waits for a line on stdin or for Parley's wake-up, whichever
// comes first, so that one thread can both read what the user types and show what arrives.
#include <chrono>
#include <optional>
#include <string>

namespace chat_cli {

class Terminal {
 public:
  Terminal();
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  // Safe from any thread (Parley's wake-up callback): makes wait() return.
  void wake();
  enum class Ready { line, wake, timeout, end_of_input };
  // Waits for input or a wake-up. With read_input false only wake-ups and the timeout count.
  Ready wait(std::chrono::milliseconds timeout, bool read_input, std::string& line);
  bool interactive() const { return interactive_; }

 private:
  int pipe_[2] = {-1, -1};
  bool interactive_;
  std::string pending_;  // bytes read from stdin after the last complete line
};

}  // namespace chat_cli
