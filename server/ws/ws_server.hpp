#pragma once
// The libwebsockets server: one context, one vhost listening on HOST:PORT, serving the Parley
// endpoint (path /v1, subprotocol parley.v1) and plain HTTP on one event-loop thread. Sessions are created
// and destroyed here; their frames go to the Dispatcher.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include <libwebsockets.h>

#include "handlers/dispatcher.hpp"
#include "http/http_exchanges.hpp"
#include "ws/session.hpp"

namespace parley::server {

struct ListenSettings {
  std::string host = "127.0.0.1";
  int port = 8787;  // 0 = any free port
  std::chrono::milliseconds heartbeat{15000};
};

class WsServer {
 public:
  // Listens at once; throws std::runtime_error if it cannot. Plain HTTP requests on the same
  // port go to `http`.
  WsServer(const ListenSettings& settings, Dispatcher& dispatcher, HttpExchanges::Handler http);
  ~WsServer();
  WsServer(const WsServer&) = delete;
  WsServer& operator=(const WsServer&) = delete;

  int port() const;
  // Serves until `stop_requested` returns true; it is checked at least every 100 ms.
  void run(const std::function<bool()>& stop_requested);

 private:
  struct Wakeup {  // a periodic timer that makes the loop look at the stop flag
    lws_sorted_usec_list_t sul;
    WsServer* server;
  };

  static int on_http(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len);
  static int on_parley(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len);
  static void on_wakeup(lws_sorted_usec_list_t* sul);
  int handle(lws* wsi, lws_callback_reasons reason, void* in, size_t len);
  int on_receive(lws* wsi, Session& session, const void* in, size_t len);
  int on_timer(lws* wsi, Session& session);
  Session* session_of(lws* wsi);

  ListenSettings settings_;
  Dispatcher& dispatcher_;
  HttpExchanges http_;
  std::array<lws_protocols, 3> protocols_{};
  lws_context* context_ = nullptr;
  lws_vhost* vhost_ = nullptr;
  Wakeup wakeup_{};
  std::unordered_map<lws*, std::unique_ptr<Session>> sessions_;
};

}  // namespace parley::server
