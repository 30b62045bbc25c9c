#include "ws/ws_server.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "protocol/limits.hpp"

namespace parley::server {
namespace {

constexpr lws_usec_t kWakeupInterval = 100 * LWS_US_PER_MS;
constexpr std::size_t kRxChunkBytes = 16384;
constexpr int kSilentIntervalsBeforeClose = 3;

lws_usec_t to_usec(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

bool is_any_address(const std::string& host) {
  return host.empty() || host == "0.0.0.0" || host == "::" || host == "*";
}

// True if the upgrade is for the Parley path; lws gives the path in WSI_TOKEN_GET_URI.
bool is_parley_path(lws* wsi) {
  char uri[64];
  if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0) return false;
  return std::strcmp(uri, protocol::kPath) == 0;
}

}  // namespace

WsServer::WsServer(const ListenSettings& settings, Dispatcher& dispatcher,
                   HttpExchanges::Handler http)
    : settings_(settings), dispatcher_(dispatcher), http_(std::move(http)) {
  // protocols_[0] serves plain HTTP, and refuses upgrades that name no subprotocol.
  protocols_[0] = lws_protocols{"http", &WsServer::on_http, 0, 0, 0, nullptr, 0};
  protocols_[1] = lws_protocols{protocol::kSubprotocol, &WsServer::on_parley, 0, kRxChunkBytes, 0,
                                nullptr, 0};
  protocols_[2] = lws_protocols{nullptr, nullptr, 0, 0, 0, nullptr, 0};

  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
  // Not LWS_SERVER_OPTION_VALIDATE_UTF8: lws would close the connection on bad UTF-8, and the
  // protocol answers it with `bad_request` and keeps the connection.
  if (settings_.host.find(':') == std::string::npos) info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
  info.port = settings_.port;
  info.iface = is_any_address(settings_.host) ? nullptr : settings_.host.c_str();
  info.protocols = protocols_.data();
  info.user = this;
  context_ = lws_create_context(&info);
  if (context_ == nullptr) throw std::runtime_error("cannot create the libwebsockets context");
  vhost_ = lws_create_vhost(context_, &info);
  if (vhost_ == nullptr) {
    lws_context_destroy(context_);
    throw std::runtime_error("cannot listen on " + settings_.host + ":" +
                             std::to_string(settings_.port));
  }
  wakeup_.server = this;
}

WsServer::~WsServer() {
  lws_sul_cancel(&wakeup_.sul);
  lws_context_destroy(context_);  // closes every connection; CLOSED callbacks run here
}

int WsServer::port() const { return lws_get_vhost_listen_port(vhost_); }

void WsServer::run(const std::function<bool()>& stop_requested) {
  lws_sul_schedule(context_, 0, &wakeup_.sul, &WsServer::on_wakeup, kWakeupInterval);
  while (!stop_requested()) {
    if (lws_service(context_, 0) < 0) break;
    dispatcher_.flush();  // what this turn read, committed together
  }
}

void WsServer::on_wakeup(lws_sorted_usec_list_t* sul) {
  auto* wakeup = reinterpret_cast<Wakeup*>(sul);  // sul is Wakeup's first member
  lws_sul_schedule(wakeup->server->context_, 0, sul, &WsServer::on_wakeup, kWakeupInterval);
}

int WsServer::on_http(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len) {
  if (reason == LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION) return 1;  // no subprotocol: refuse
  auto* self = static_cast<WsServer*>(lws_context_user(lws_get_context(wsi)));
  if (self == nullptr) return lws_callback_http_dummy(wsi, reason, user, in, len);
  try {
    return self->http_.on_callback(wsi, reason, user, in, len);
  } catch (const std::exception& e) {  // nothing may unwind through libwebsockets' C frames
    std::fprintf(stderr, "parley-server: closing an HTTP connection after an error: %s\n", e.what());
    return -1;
  }
}

int WsServer::on_parley(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                        size_t len) {
  auto* self = static_cast<WsServer*>(lws_context_user(lws_get_context(wsi)));
  try {
    return self->handle(wsi, reason, in, len);
  } catch (const std::exception& e) {  // nothing may unwind through libwebsockets' C frames
    std::fprintf(stderr, "parley-server: closing a session after an error: %s\n", e.what());
    return -1;
  }
}

Session* WsServer::session_of(lws* wsi) {
  auto it = sessions_.find(wsi);
  return it == sessions_.end() ? nullptr : it->second.get();
}

int WsServer::handle(lws* wsi, lws_callback_reasons reason, void* in, size_t len) {
  switch (reason) {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
      return is_parley_path(wsi) ? 0 : 1;
    case LWS_CALLBACK_ESTABLISHED:
      sessions_[wsi] = std::make_unique<Session>(wsi);
      lws_set_timer_usecs(wsi, to_usec(settings_.heartbeat));
      return 0;
    case LWS_CALLBACK_CLOSED:
      if (auto* session = session_of(wsi)) {
        dispatcher_.on_closed(*session);
        sessions_.erase(wsi);
      }
      return 0;
    default:
      break;
  }
  Session* session = session_of(wsi);
  if (session == nullptr) return 0;
  switch (reason) {
    case LWS_CALLBACK_RECEIVE:
      return on_receive(wsi, *session, in, len);
    case LWS_CALLBACK_RECEIVE_PONG:
      session->heard_from();
      return 0;
    case LWS_CALLBACK_SERVER_WRITEABLE:
      return session->on_writeable() ? 0 : -1;
    case LWS_CALLBACK_TIMER:
      return on_timer(wsi, *session);
    default:
      return 0;
  }
}

int WsServer::on_receive(lws* wsi, Session& session, const void* in, size_t len) {
  session.heard_from();
  const std::string_view chunk(static_cast<const char*>(in), len);
  auto message = session.assembler().feed(chunk, lws_frame_is_binary(wsi) != 0,
                                          lws_is_final_fragment(wsi) != 0,
                                          dispatcher_.frame_limit(session));
  if (!message) return 0;
  switch (message->kind) {
    case FrameAssembler::Kind::text:
      dispatcher_.on_text(session, message->payload);
      break;
    case FrameAssembler::Kind::binary:
      dispatcher_.on_binary(session);
      break;
    case FrameAssembler::Kind::oversized:
      dispatcher_.on_oversized(session, message->bytes, message->limit);
      break;
  }
  return 0;
}

// Runs every heartbeat interval (or sooner, when a close is due). A session we have heard
// nothing from for one interval gets a ping, whose pong counts as hearing from it; after three
// silent intervals it is closed.
int WsServer::on_timer(lws* wsi, Session& session) {
  const auto interval = settings_.heartbeat;
  const auto silent = Session::Clock::now() - session.last_heard();
  const auto close_after = interval * kSilentIntervalsBeforeClose;
  if (silent >= close_after) return -1;
  if (silent >= interval) session.send_ping_soon();
  const auto until_close = close_after - silent;
  const auto next = until_close < interval ? until_close : Session::Clock::duration(interval);
  lws_set_timer_usecs(wsi, to_usec(next) + 1000);
  return 0;
}

}  // namespace parley::server
