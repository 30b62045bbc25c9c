#pragma once
// One client WebSocket (subprotocol parley.v1) at a time, on a libwebsockets context of its
// own, and the service loop that drives it. Everything here runs on the thread that calls
// service(), except wake(), which any thread may call.
//
// The link reports to a LinkListener from inside service(). drop() abandons the current
// socket silently: the caller already knows the link is gone, so no on_closed follows.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>

#include <libwebsockets.h>

#include "transport/server_url.hpp"

namespace parley::transport {

class LinkListener {
 public:
  virtual void on_link_open() = 0;                      // the WebSocket handshake completed
  virtual void on_link_frame(std::string text) = 0;     // one complete text frame
  virtual void on_link_alive() = 0;                     // any sign of life (pong, data)
  virtual void on_link_closed(std::string reason) = 0;  // a connect failed or an open link ended
  virtual void on_wake() = 0;                           // another thread called wake()

 protected:
  ~LinkListener() = default;
};

class WebSocketLink {
 public:
  // Creates the lws context; throws std::runtime_error if lws cannot.
  WebSocketLink(ServerUrl url, const char* subprotocol, std::chrono::seconds connect_timeout,
                LinkListener& listener);
  ~WebSocketLink();
  WebSocketLink(const WebSocketLink&) = delete;
  WebSocketLink& operator=(const WebSocketLink&) = delete;

  lws_context* context() const noexcept { return context_; }

  // Starts connecting. on_link_open or on_link_closed follows, possibly before this returns.
  void connect();
  bool active() const noexcept { return wsi_ != nullptr; }  // connecting or open
  bool open() const noexcept { return open_; }
  void send_text(std::string text);  // queued; sent in order while the link is open
  void send_ping();
  void drop();  // closes the current socket without reporting it

  void service();           // one turn of the event loop: waits for I/O, timers or wake()
  void wake() noexcept;     // any thread: makes service() return and call on_wake
  // Frames larger than this from the server are treated as a broken link.
  static constexpr std::size_t kMaxIncomingFrameBytes = 16 * 1024 * 1024;

 private:
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t len);
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t len);
  int write_pending(lws* wsi);
  int receive(lws* wsi, const char* data, std::size_t len);
  void report_closed(std::string reason);
  void reset_link_state();

  ServerUrl url_;
  const char* subprotocol_;
  LinkListener& listener_;
  lws_protocols protocols_[2]{};
  lws_context* context_ = nullptr;
  std::string host_header_;
  lws* wsi_ = nullptr;
  bool connecting_ = false;  // a connect() whose outcome has not been reported yet
  bool open_ = false;
  bool destroying_ = false;
  bool ping_due_ = false;
  std::deque<std::string> outgoing_;
  std::string incoming_;
};

}  // namespace parley::transport
