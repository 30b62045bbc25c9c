#pragma once
// Typing indicators (docs/protocol.md, chat.typing), both ways. The sender repeats "typing"
// every kTypingRefresh while the user types and says "stopped" once; the receiver shows an
// author as typing until they stop, send a message, or kTypingTimeout passes in silence.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parley/event.hpp"

namespace parley::client {

using TypingClock = std::chrono::steady_clock;
inline constexpr std::chrono::seconds kTypingRefresh{3};
inline constexpr std::chrono::seconds kTypingTimeout{6};

// Decides which of the app's set_typing() calls reach the server, however often it calls.
class TypingSender {
 public:
  // Whether `typing` for the conversation goes to the server now.
  bool should_send(const std::string& conversation_id, bool typing, TypingClock::time_point now);
  void reset() { last_sent_.clear(); }  // a new session: the next "typing" goes out at once

 private:
  std::map<std::string, TypingClock::time_point> last_sent_;  // conversations said "typing"
};

// Who is typing where, as the other side reported it; each change is one typing_changed event.
class TypingTracker {
 public:
  std::optional<Event> on_typing(const std::string& conversation_id, const Author& author,
                                 bool typing, TypingClock::time_point now);
  std::optional<Event> on_message(const std::string& conversation_id, const Author& author);
  std::vector<Event> expire(TypingClock::time_point now);
  std::vector<Event> clear();  // the link is gone: nobody is known to be typing any more
  std::optional<TypingClock::time_point> next_expiry() const;

 private:
  using Key = std::pair<std::string, std::string>;  // conversation id, author id
  struct Typist {
    Author author;
    TypingClock::time_point expires;
  };
  static Event changed(const std::string& conversation_id, const Author& author, bool typing);
  std::map<Key, Typist> typing_;
};

}  // namespace parley::client
