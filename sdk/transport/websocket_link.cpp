#include "transport/websocket_link.hpp"

#include <mutex>
#include <stdexcept>

namespace parley::transport {
namespace {

std::string reason_text(const void* in, const char* fallback) {
  // lws passes a NUL-terminated description of a connection error, or nothing.
  return in != nullptr ? std::string(static_cast<const char*>(in)) : std::string(fallback);
}

}  // namespace

WebSocketLink::WebSocketLink(ServerUrl url, const char* subprotocol,
                             std::chrono::seconds connect_timeout, LinkListener& listener)
    : url_(std::move(url)), subprotocol_(subprotocol), listener_(listener) {
  protocols_[0].name = subprotocol_;
  protocols_[0].callback = &WebSocketLink::callback;

  // libwebsockets logs notices to stderr by default: noise inside somebody else's app. Its log
  // level is process-wide, so it is lowered once, at the first client (docs/architecture.md).
  static std::once_flag quiet_logs;
  std::call_once(quiet_logs, [] { lws_set_log_level(LLL_ERR | LLL_WARN, nullptr); });

  lws_context_creation_info info{};
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = protocols_;
  info.user = this;
  info.gid = -1;
  info.uid = -1;
  info.options = url_.tls ? LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT : 0;
  // One connection and the cancel pipe: without a limit lws sizes its tables by the process's
  // fd limit, which costs megabytes per client.
  info.fd_limit_per_thread = 16;
  info.connect_timeout_secs = static_cast<unsigned int>(connect_timeout.count());
  info.timeout_secs = static_cast<unsigned int>(connect_timeout.count());
  context_ = lws_create_context(&info);
  if (context_ == nullptr) throw std::runtime_error("libwebsockets could not create a context");
}

WebSocketLink::~WebSocketLink() {
  // Destroying the context closes the socket; its callbacks must not reach a listener that
  // is being destroyed.
  wsi_ = nullptr;
  destroying_ = true;
  lws_context_destroy(context_);
}

void WebSocketLink::connect() {
  if (wsi_ != nullptr) return;
  reset_link_state();
  host_header_ = url_.host + ":" + std::to_string(url_.port);

  lws_client_connect_info info{};
  info.context = context_;
  info.address = url_.host.c_str();
  info.port = url_.port;
  info.path = url_.path.c_str();
  info.host = host_header_.c_str();
  info.origin = host_header_.c_str();
  info.protocol = subprotocol_;
  info.local_protocol_name = subprotocol_;
  info.ssl_connection = url_.tls ? LCCSCF_USE_SSL : 0;
  // Not info.pwsi: lws may write through it later, and an abandoned attempt must not be able
  // to clear the pointer of its successor.
  connecting_ = true;
  lws* started = lws_client_connect_via_info(&info);
  if (!connecting_) return;  // it already failed, reported through CLIENT_CONNECTION_ERROR
  if (started == nullptr) {
    report_closed("could not start connecting to " + host_header_);
    return;
  }
  wsi_ = started;
}

void WebSocketLink::send_text(std::string text) {
  if (!open_) return;
  std::string framed(LWS_PRE, '\0');  // lws writes the frame header in front of the payload
  framed += text;
  outgoing_.push_back(std::move(framed));
  lws_callback_on_writable(wsi_);
}

void WebSocketLink::send_ping() {
  if (!open_) return;
  ping_due_ = true;
  lws_callback_on_writable(wsi_);
}

void WebSocketLink::drop() {
  if (wsi_ != nullptr) lws_set_timeout(wsi_, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
  wsi_ = nullptr;
  reset_link_state();
}

void WebSocketLink::service() { lws_service(context_, 0); }

void WebSocketLink::wake() noexcept { lws_cancel_service(context_); }

void WebSocketLink::reset_link_state() {
  open_ = false;
  connecting_ = false;
  ping_due_ = false;
  outgoing_.clear();
  incoming_.clear();
}

void WebSocketLink::report_closed(std::string reason) {
  wsi_ = nullptr;
  reset_link_state();
  listener_.on_link_closed(std::move(reason));
}

int WebSocketLink::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                            std::size_t len) {
  auto* self = static_cast<WebSocketLink*>(lws_context_user(lws_get_context(wsi)));
  if (self == nullptr || self->destroying_) return 0;
  // No exception may unwind through libwebsockets (C). The listener handles its own; one
  // that still gets here ends the connection, which then reports itself closed.
  try {
    return self->handle(wsi, reason, in, len);
  } catch (const std::exception& e) {
    lwsl_err("parley: %s\n", e.what());
  } catch (...) {
    lwsl_err("parley: unknown exception in a connection callback\n");
  }
  return wsi == self->wsi_ ? -1 : 0;
}

int WebSocketLink::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t len) {
  if (reason == LWS_CALLBACK_EVENT_WAIT_CANCELLED) {
    listener_.on_wake();
    return 0;
  }
  const bool current = wsi != nullptr && wsi == wsi_;
  switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      if (!current) return -1;
      connecting_ = false;
      open_ = true;
      listener_.on_link_open();
      return 0;
    case LWS_CALLBACK_CLIENT_RECEIVE:
      return current ? receive(wsi, static_cast<const char*>(in), len) : 0;
    case LWS_CALLBACK_CLIENT_RECEIVE_PONG:
      if (current) listener_.on_link_alive();
      return 0;
    case LWS_CALLBACK_CLIENT_WRITEABLE:
      return current ? write_pending(wsi) : -1;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
      if (current || (wsi_ == nullptr && connecting_)) {
        report_closed(reason_text(in, "connection failed"));
      }
      return 0;
    case LWS_CALLBACK_CLIENT_CLOSED:
    case LWS_CALLBACK_WSI_DESTROY:
      if (current) report_closed("connection closed");
      return 0;
    default:
      return 0;
  }
}

int WebSocketLink::receive(lws* wsi, const char* data, std::size_t len) {
  incoming_.append(data, len);
  if (incoming_.size() > kMaxIncomingFrameBytes) {
    report_closed("the server sent a frame larger than " +
                  std::to_string(kMaxIncomingFrameBytes) + " bytes");
    return -1;
  }
  if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi) != 0) return 0;
  std::string frame = std::move(incoming_);
  incoming_.clear();
  listener_.on_link_alive();
  if (wsi != wsi_) return 0;  // the listener dropped the link
  listener_.on_link_frame(std::move(frame));
  return 0;
}

int WebSocketLink::write_pending(lws* wsi) {
  if (ping_due_) {
    ping_due_ = false;
    unsigned char frame[LWS_PRE + 1] = {};
    if (lws_write(wsi, frame + LWS_PRE, 0, LWS_WRITE_PING) < 0) return -1;
  } else {
    // As many frames as the socket takes now, not one per turn of the loop.
    bool first = true;
    while (!outgoing_.empty() && (first || !lws_send_pipe_choked(wsi))) {
      std::string& framed = outgoing_.front();
      auto* payload = reinterpret_cast<unsigned char*>(framed.data()) + LWS_PRE;
      // lws buffers whatever the socket does not take now and sends it before the next
      // WRITEABLE; only a negative result is a failure.
      if (lws_write(wsi, payload, framed.size() - LWS_PRE, LWS_WRITE_TEXT) < 0) return -1;
      outgoing_.pop_front();
      first = false;
    }
  }
  if (wsi != wsi_) return 0;  // the listener dropped the link
  if (ping_due_ || !outgoing_.empty()) lws_callback_on_writable(wsi);
  return 0;
}

}  // namespace parley::transport
