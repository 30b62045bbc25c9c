#pragma once
// A parley::Client for integration tests, with every event it emits recorded (drained on a
// thread of its own) so that tests can wait for, count and order them.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "parley/client.hpp"
#include "server_process.hpp"
#include "wait.hpp"

namespace parley::test {

inline Config sdk_config(const ServerProcess& server, const std::string& token,
                         const std::string& store_path = {}) {
  Config config;
  config.server_url = server.url();
  config.token = token;
  config.store_path = store_path;
  config.app = "com.example.tests/1.0";
  config.platform = "linux";
  config.locale = "en-US";
  // Quick reconnects keep the tests short; the deadline below still bounds them.
  config.reconnect_base = std::chrono::milliseconds(50);
  config.reconnect_cap = std::chrono::milliseconds(500);
  config.request_timeout = std::chrono::milliseconds(5000);
  return config;
}

using EventFilter = std::function<bool(const Event&)>;

class SdkTestClient {
 public:
  explicit SdkTestClient(Config config) : client_(std::move(config)) {
    drainer_ = std::thread([this] {
      while (!stop_) {
        if (auto event = client_.poll_event(std::chrono::milliseconds(20))) {
          const std::lock_guard lock(mutex_);
          events_.push_back(std::move(*event));
        }
      }
    });
  }
  ~SdkTestClient() {
    stop_ = true;
    drainer_.join();
  }
  SdkTestClient(const SdkTestClient&) = delete;
  SdkTestClient& operator=(const SdkTestClient&) = delete;

  Client* operator->() { return &client_; }
  Client& client() { return client_; }

  std::vector<Event> events() const {
    const std::lock_guard lock(mutex_);
    return events_;
  }
  std::vector<Event> events(const EventFilter& filter) const {
    std::vector<Event> out;
    for (auto& e : events()) {
      if (filter(e)) out.push_back(std::move(e));
    }
    return out;
  }
  // Waits (10 s at most) for the first recorded event that passes `filter`.
  std::optional<Event> wait_for(const EventFilter& filter) const {
    std::optional<Event> found;
    wait_until([&] {
      auto matching = events(filter);
      if (!matching.empty()) found = std::move(matching.front());
      return found.has_value();
    });
    return found;
  }
  // Waits until at least `n` recorded events pass `filter`.
  bool wait_count(const EventFilter& filter, std::size_t n) const {
    return wait_until([&] { return events(filter).size() >= n; });
  }
  // Waits for a connection_changed(`state`) recorded after the first `after` events.
  bool wait_state(ConnectionState state, std::size_t after = 0) const {
    return wait_until([&] {
      const auto all = events();
      for (std::size_t i = after; i < all.size(); ++i) {
        if (all[i].type == EventType::connection_changed && all[i].connection == state) return true;
      }
      return false;
    });
  }
  std::size_t event_count() const {
    const std::lock_guard lock(mutex_);
    return events_.size();
  }

 private:
  Client client_;
  mutable std::mutex mutex_;
  std::vector<Event> events_;
  std::atomic<bool> stop_{false};
  std::thread drainer_;
};

// The server has the message: sent, or further along (delivered, read), not pending or failed.
inline bool stored_by_server(const Message& m) {
  return m.state != DeliveryState::pending && m.state != DeliveryState::failed;
}

inline EventFilter of_type(EventType type) {
  return [type](const Event& e) { return e.type == type; };
}
inline EventFilter reply_to(EventType type, std::uint64_t tag) {
  return [type, tag](const Event& e) { return e.type == type && e.tag == tag; };
}
inline EventFilter received_text(const std::string& text) {
  return [text](const Event& e) {
    return e.type == EventType::message_received && !e.messages.empty() &&
           e.messages[0].text == text;
  };
}

}  // namespace parley::test
