#include "raw_ws_client.hpp"

#include <libwebsockets.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace parley::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kConnectDeadline = std::chrono::seconds(10);
constexpr const char* kLocalProtocol = "raw-test-client";

struct Endpoint {
  std::string host;
  int port = 0;
  std::string path;
};

Endpoint parse_ws_url(const std::string& url) {
  const std::string scheme = "ws://";
  if (url.rfind(scheme, 0) != 0) throw std::invalid_argument("RawWsClient: not a ws:// URL: " + url);
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("RawWsClient: URL needs a port: " + url);
  Endpoint e;
  e.host = authority.substr(0, colon);
  e.port = std::stoi(authority.substr(colon + 1));
  e.path = slash == std::string::npos ? "/" : rest.substr(slash);
  return e;
}

struct Outgoing {
  std::string buffer;  // LWS_PRE bytes of headroom, then the payload
  int flags = 0;       // lws_write_protocol bits
};

}  // namespace

struct RawWsClient::Impl {
  enum class State { idle, connecting, open, closed };

  // Owned by the service thread once started; the fields below the mutex are shared.
  lws_context* context = nullptr;
  lws* wsi = nullptr;
  std::thread thread;
  std::atomic<bool> stopping{false};

  mutable std::mutex mutex;
  std::condition_variable changed;
  State state = State::idle;
  std::optional<Endpoint> connect_request;
  std::string subprotocol;
  std::deque<Outgoing> outgoing;
  bool close_requested = false;
  std::deque<std::string> inbox;
  std::string partial;  // a message arriving in several chunks (service thread only)
  std::uint64_t next_request_id = 1;

  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len);
  int on_event(lws* wsi, lws_callback_reasons reason, void* in, size_t len);
  void start_connect(const Endpoint& endpoint);
  int write_next();
  void enqueue(std::string_view payload, int flags);
  void set_state(State s) {
    std::lock_guard lock(mutex);
    state = s;
    changed.notify_all();
  }
};

int RawWsClient::Impl::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                                size_t len) {
  auto* self = static_cast<Impl*>(lws_context_user(lws_get_context(wsi)));
  return self ? self->on_event(wsi, reason, in, len) : 0;
}

int RawWsClient::Impl::on_event(lws* w, lws_callback_reasons reason, void* in, size_t len) {
  switch (reason) {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED: {  // a command from the test thread
      std::optional<Endpoint> target;
      bool want_write = false;
      {
        std::lock_guard lock(mutex);
        target.swap(connect_request);
        want_write = !outgoing.empty() || close_requested;
      }
      if (target) start_connect(*target);
      if (want_write && wsi) lws_callback_on_writable(wsi);
      return 0;
    }
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      set_state(State::open);
      return 0;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
      wsi = nullptr;
      set_state(State::closed);
      return 0;
    case LWS_CALLBACK_CLIENT_RECEIVE:
      partial.append(static_cast<const char*>(in), len);
      if (lws_is_final_fragment(w) != 0) {
        std::lock_guard lock(mutex);
        inbox.push_back(std::move(partial));
        partial.clear();
        changed.notify_all();
      }
      return 0;
    case LWS_CALLBACK_CLIENT_WRITEABLE:
      return write_next();
    case LWS_CALLBACK_CLIENT_CLOSED:
      wsi = nullptr;
      set_state(State::closed);
      return 0;
    default:
      return 0;
  }
}

void RawWsClient::Impl::start_connect(const Endpoint& endpoint) {
  lws_client_connect_info info;
  std::memset(&info, 0, sizeof info);
  info.context = context;
  info.address = endpoint.host.c_str();
  info.port = endpoint.port;
  info.path = endpoint.path.c_str();
  info.host = endpoint.host.c_str();
  info.origin = endpoint.host.c_str();
  info.protocol = subprotocol.empty() ? nullptr : subprotocol.c_str();
  info.local_protocol_name = kLocalProtocol;
  info.pwsi = &wsi;
  if (lws_client_connect_via_info(&info) == nullptr) {
    wsi = nullptr;
    set_state(State::closed);
  }
}

int RawWsClient::Impl::write_next() {
  Outgoing next;
  bool more = false;
  {
    std::lock_guard lock(mutex);
    if (outgoing.empty()) return close_requested ? -1 : 0;
    next = std::move(outgoing.front());
    outgoing.pop_front();
    more = !outgoing.empty() || close_requested;
  }
  auto* payload = reinterpret_cast<unsigned char*>(next.buffer.data()) + LWS_PRE;
  const size_t size = next.buffer.size() - LWS_PRE;
  const int written = lws_write(wsi, payload, size, static_cast<lws_write_protocol>(next.flags));
  if (written < static_cast<int>(size)) return -1;
  if (more) lws_callback_on_writable(wsi);
  return 0;
}

void RawWsClient::Impl::enqueue(std::string_view payload, int flags) {
  {
    std::lock_guard lock(mutex);
    if (state != State::open) throw std::logic_error("RawWsClient: not connected");
    Outgoing o;
    o.buffer.assign(LWS_PRE, '\0');
    o.buffer.append(payload);
    o.flags = flags;
    outgoing.push_back(std::move(o));
  }
  lws_cancel_service(context);
}

RawWsClient::RawWsClient() : impl_(std::make_unique<Impl>()) {
  static const lws_protocols protocols[] = {
      {kLocalProtocol, &Impl::callback, 0, 16384, 0, nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0},
  };
  static std::once_flag quiet_logs;  // the log level is process-wide
  std::call_once(quiet_logs, [] { lws_set_log_level(LLL_ERR, nullptr); });
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = protocols;
  info.user = impl_.get();
  impl_->context = lws_create_context(&info);
  if (impl_->context == nullptr) throw std::runtime_error("RawWsClient: lws_create_context failed");
  impl_->thread = std::thread([impl = impl_.get()] {
    while (!impl->stopping.load()) {
      if (lws_service(impl->context, 0) < 0) break;
    }
  });
}

RawWsClient::~RawWsClient() {
  impl_->stopping.store(true);
  lws_cancel_service(impl_->context);
  impl_->thread.join();
  lws_context_destroy(impl_->context);
}

bool RawWsClient::connect(const std::string& url, const std::string& subprotocol) {
  const Endpoint endpoint = parse_ws_url(url);
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->state != Impl::State::idle) {
      throw std::logic_error("RawWsClient: connect() may be called once");
    }
    impl_->state = Impl::State::connecting;
    impl_->subprotocol = subprotocol;
    impl_->connect_request = endpoint;
  }
  lws_cancel_service(impl_->context);
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, kConnectDeadline,
                          [&] { return impl_->state != Impl::State::connecting; });
  return impl_->state == Impl::State::open;
}

void RawWsClient::send_text(std::string_view bytes) { impl_->enqueue(bytes, LWS_WRITE_TEXT); }

void RawWsClient::send_binary(std::string_view bytes) { impl_->enqueue(bytes, LWS_WRITE_BINARY); }

void RawWsClient::send_fragmented_text(const std::vector<std::string>& parts) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    int flags = i == 0 ? LWS_WRITE_TEXT : LWS_WRITE_CONTINUATION;
    if (i + 1 < parts.size()) flags |= LWS_WRITE_NO_FIN;
    impl_->enqueue(parts[i], flags);
  }
}

void RawWsClient::close() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->close_requested = true;
  }
  lws_cancel_service(impl_->context);
}

std::optional<std::string> RawWsClient::receive(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->changed.wait_for(lock, timeout, [&] { return !impl_->inbox.empty(); })) {
    return std::nullopt;
  }
  std::string message = std::move(impl_->inbox.front());
  impl_->inbox.pop_front();
  return message;
}

nlohmann::json RawWsClient::receive_json(std::chrono::milliseconds timeout) {
  auto message = receive(timeout);
  if (!message) throw std::runtime_error("RawWsClient: no message within the timeout");
  auto doc = nlohmann::json::parse(*message, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw std::runtime_error("RawWsClient: not JSON: " + *message);
  return doc;
}

nlohmann::json RawWsClient::request(const std::string& op, const nlohmann::json& args,
                                    std::chrono::milliseconds timeout) {
  std::string id;
  {
    std::lock_guard lock(impl_->mutex);
    id = "r" + std::to_string(impl_->next_request_id++);
  }
  send_text(nlohmann::json{{"type", "req"}, {"id", id}, {"op", op}, {"args", args}}.dump());

  std::unique_lock lock(impl_->mutex);
  nlohmann::json reply;
  // Only frames that mention the id are parsed: a long run of queued events stays cheap.
  const std::string id_text = "\"" + id + "\"";
  const auto find_reply = [&] {
    for (auto it = impl_->inbox.begin(); it != impl_->inbox.end(); ++it) {
      if (it->find(id_text) == std::string::npos) continue;
      auto doc = nlohmann::json::parse(*it, nullptr, /*allow_exceptions=*/false);
      if (doc.is_object() && doc.value("id", nlohmann::json()) == id &&
          (doc.value("type", "") == "res" || doc.value("type", "") == "err")) {
        reply = std::move(doc);
        impl_->inbox.erase(it);
        return true;
      }
    }
    return false;
  };
  if (!impl_->changed.wait_for(lock, timeout, find_reply)) {
    throw std::runtime_error("RawWsClient: no reply to \"" + op + "\" within the timeout");
  }
  return reply;
}

nlohmann::json RawWsClient::hello(const std::string& token, std::uint64_t resume_from,
                                  const std::string& locale) {
  return request("hello", {{"token", token},
                           {"resume_from", resume_from},
                           {"sdk", "raw-test-client/1"},
                           {"platform", "test"},
                           {"locale", locale}});
}

bool RawWsClient::connected() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state == Impl::State::open;
}

bool RawWsClient::closed() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state == Impl::State::closed;
}

}  // namespace parley::test
