#pragma once
// One client session as the request handlers see it: who it is (after hello) and a way to send
// it a frame. The WebSocket layer implements it; sending only queues, it never blocks.
#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"

namespace parley::server {

struct SessionState {
  std::optional<Principal> principal;  // set by a successful hello
  std::string locale;                  // from hello, normalized; empty if none was given
  std::deque<std::chrono::steady_clock::time_point> recent_typing;  // for its rate limit
};

// The next frames of a replay (encoded events, in seq order); empty once caught up with
// storage. Called again each time the previous page has been written out.
using ReplayPager = std::function<std::vector<std::string>()>;

class Peer {
 public:
  virtual ~Peer() = default;
  // Replies and errors: queued at once.
  virtual void send(std::string frame) = 0;
  // Live events. While a replay runs they are not queued: they are committed before they are
  // published, so the replay reads them from storage in their place in the seq order.
  virtual void send_event(std::string frame) = 0;
  // Streams stored events page by page as the client reads them, so that a long backlog
  // neither fills the server's memory nor overtakes live events.
  virtual void start_replay(ReplayPager pager) = 0;

  SessionState& state() noexcept { return state_; }
  const SessionState& state() const noexcept { return state_; }

 private:
  SessionState state_;
};

}  // namespace parley::server
