#pragma once
// Requests sent on the current link and not yet answered, each with its deadline.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parley/event.hpp"
#include "protocol/frame.hpp"

namespace parley::client {

using Clock = std::chrono::steady_clock;

struct PendingRequest {
  std::string op;
  EventType reply = EventType::connection_changed;  // the event that answers the app
  std::uint64_t tag = 0;
  std::string client_id;  // set for writes (outbox entries)
  protocol::Json args;    // what was asked, where the answer needs it
  Clock::time_point deadline;
  bool internal = false;  // the client's own (receipts, typing): the app gets no reply

  bool is_write() const noexcept { return !client_id.empty(); }
};

class PendingRequests {
 public:
  void add(std::uint64_t number, PendingRequest request);
  std::optional<PendingRequest> take(std::uint64_t number);
  std::vector<PendingRequest> take_expired(Clock::time_point now);
  std::vector<PendingRequest> take_all();
  bool has_write(const std::string& client_id) const;
  std::size_t write_count() const;
  std::optional<Clock::time_point> next_deadline() const;
  bool empty() const noexcept { return requests_.empty(); }

 private:
  std::map<std::uint64_t, PendingRequest> requests_;  // by request number: oldest first
};

}  // namespace parley::client
