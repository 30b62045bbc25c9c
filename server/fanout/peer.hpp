#pragma once
// One client session as the request handlers see it: who it is (after hello) and a way to send
// it a frame. The WebSocket layer implements it; sending only queues, it never blocks.
#include <optional>
#include <string>

#include "auth/principal.hpp"

namespace parley::server {

struct SessionState {
  std::optional<Principal> principal;  // set by a successful hello
  std::string locale;                  // from hello, normalized; empty if none was given
};

class Peer {
 public:
  virtual ~Peer() = default;
  virtual void send(std::string frame) = 0;

  SessionState& state() noexcept { return state_; }
  const SessionState& state() const noexcept { return state_; }

 private:
  SessionState state_;
};

}  // namespace parley::server
