#pragma once
// Test helper: one parley_client driven through the C ABI only, with every polled event copied
// out (events are borrowed until the next poll) so that tests can wait for one and count them.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/parley.h"

namespace parley::capi_test {

struct PolledEvent {
  parley_event_kind type = PARLEY_EVENT_NONE;
  std::uint64_t tag = 0;
  parley_status status = PARLEY_OK;
  std::string error_message;
  parley_connection_state connection = PARLEY_CONNECTION_DISCONNECTED;
  nlohmann::json json;  // parley_event_json, parsed
};

class CClient {
 public:
  // Creates the client for url + token (and a store file, if `store_path` names one; else it
  // keeps its store in memory); throws std::runtime_error with the last error message if
  // parley_client_create fails.
  CClient(const std::string& url, const std::string& token, const std::string& store_path = {});
  ~CClient();
  CClient(const CClient&) = delete;
  CClient& operator=(const CClient&) = delete;

  parley_client* get() const { return client_; }

  using Predicate = std::function<bool(const PolledEvent&)>;
  // The first event (already polled and not yet taken, or polled now) that satisfies `match`,
  // taking it; nullopt if none arrives before the deadline.
  std::optional<PolledEvent> wait_for(
      const Predicate& match, std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // The reply of type `type` to the request tagged `tag`.
  std::optional<PolledEvent> wait_for_reply(parley_event_kind type, std::uint64_t tag);
  // The next PARLEY_EVENT_CONNECTION_CHANGED to `connected`.
  bool wait_connected();

  // Every event polled so far, in order (taken or not).
  const std::vector<PolledEvent>& history() const { return history_; }

 private:
  // Polls once (up to 100 ms); returns whether an event arrived.
  bool poll_once();

  parley_client* client_ = nullptr;
  std::deque<PolledEvent> backlog_;  // polled, not yet taken by a wait_for
  std::vector<PolledEvent> history_;
};

}  // namespace parley::capi_test
