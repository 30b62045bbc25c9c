#pragma once
// The client's session with the server: connect, hello/welcome, heartbeat, reconnect with
// backoff, and the auth_failed stop. It tells the app about connection state changes
// (connection_changed, auth_failed) and hands everything after welcome to a SessionListener.
// Owned by, and used only on, the client's thread (wake() excepted).
#include <chrono>
#include <cstdint>
#include <string>

#include "client/event_queue.hpp"
#include "client/wire_values.hpp"
#include "parley/types.hpp"
#include "protocol/frame.hpp"
#include "transport/backoff.hpp"
#include "transport/loop_timer.hpp"
#include "transport/websocket_link.hpp"

namespace parley::client {

class SessionListener {
 public:
  virtual std::int64_t resume_from() = 0;                        // for hello
  // Before `connected` is told: what an app may rely on once it hears it (the server's limits,
  // which the app's calls are checked against).
  virtual void on_welcome(const Welcome& welcome) = 0;
  virtual void on_session_start(const Welcome& welcome) = 0;     // requests may be sent now
  virtual void on_session_frame(protocol::ServerFrame frame) = 0;
  virtual void on_session_end() = 0;  // the link is gone; replies to requests sent will not come
  virtual void on_wake() = 0;         // another thread called Connection::wake()

 protected:
  ~SessionListener() = default;
};

class Connection final : private transport::LinkListener {
 public:
  // Throws std::runtime_error if libwebsockets cannot set up its context.
  Connection(const Config& config, EventQueue& events, SessionListener& listener);

  lws_context* loop() const noexcept { return link_.context(); }
  void start();          // connects; without a token, reports auth_failed instead
  void stop();           // closes the link for good, silently
  void service();        // one turn of the event loop
  void wake() noexcept;  // any thread

  bool ready() const noexcept { return ready_; }  // welcomed: requests may be sent
  bool send(const protocol::Request& request);    // false (nothing sent) unless ready()
  bool send_encoded(std::string frame);           // the same, for a frame already encoded
  // The largest frame the server takes (from welcome; the protocol default before).
  std::size_t max_frame_bytes() const noexcept { return max_frame_bytes_; }

  void set_token(std::string token);  // also lifts an auth_failed stop and connects
  void network_changed();             // reconnects now, without backoff
  // In the background the link is closed and stays down; back in the foreground it
  // reconnects at once.
  void set_foreground(bool foreground);
  bool paused() const noexcept { return paused_; }
  // The token was refused: reports auth_failed and stays down until set_token().
  void refuse_auth(Error error);
  // Ends a session that went wrong; reconnects after a backoff delay.
  void drop(Error error);

 private:
  void on_link_open() override;
  void on_link_frame(std::string text) override;
  void on_link_alive() override;
  void on_link_closed(std::string reason) override;
  void on_wake() override;

  void connect();
  void handle_frame(protocol::ServerFrame frame);
  void start_session(const Welcome& welcome);
  void lost(Error error, bool reconnect_at_once = false);
  void set_state(ConnectionState state, Error error = {}, Author principal = {});
  void check_silence();

  std::string token_;
  std::string app_, platform_, locale_;
  std::chrono::milliseconds request_timeout_;
  EventQueue& events_;
  SessionListener& listener_;
  transport::Backoff backoff_;
  transport::WebSocketLink link_;
  // Timers after the link: they must be cancelled before its event loop goes away.
  transport::LoopTimer reconnect_timer_;
  transport::LoopTimer hello_timer_;
  transport::LoopTimer ping_timer_;
  transport::LoopTimer silence_timer_;

  ConnectionState state_ = ConnectionState::disconnected;
  bool ready_ = false;
  bool auth_blocked_ = false;
  bool paused_ = false;  // the app is in the background
  std::size_t max_frame_bytes_ = protocol::Limits{}.max_frame_bytes;
  bool stopped_ = false;
  std::uint64_t hello_count_ = 0;
  std::string hello_id_;
  std::string hello_token_;  // the token the pending hello carried
  std::chrono::milliseconds heartbeat_{protocol::kDefaultHeartbeatMs};
  std::chrono::steady_clock::time_point last_alive_{};
};

}  // namespace parley::client
