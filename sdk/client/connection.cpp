#include "client/connection.hpp"

#include <variant>

#include "client/sdk_info.hpp"
#include "protocol/limits.hpp"

namespace parley::client {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::chrono::seconds connect_timeout(milliseconds request_timeout) {
  return std::max(std::chrono::seconds(1),
                  std::chrono::ceil<std::chrono::seconds>(request_timeout));
}

// A hello refused for these reasons may succeed later with the same token.
bool is_transient(ErrorCode code) {
  return code == ErrorCode::rate_limited || code == ErrorCode::unavailable ||
         code == ErrorCode::internal || code == ErrorCode::timeout;
}

}  // namespace

Connection::Connection(const Config& config, EventQueue& events, SessionListener& listener)
    : token_(config.token),
      app_(config.app),
      platform_(config.platform),
      locale_(config.locale),
      request_timeout_(config.request_timeout),
      events_(events),
      listener_(listener),
      backoff_(config.reconnect_base, config.reconnect_cap),
      link_(*transport::parse_server_url(config.server_url), protocol::kSubprotocol,
            connect_timeout(config.request_timeout), *this),
      reconnect_timer_(link_.context(), [this] { connect(); }),
      hello_timer_(link_.context(),
                   [this] { drop(Error{ErrorCode::timeout, "the server did not answer hello"}); }),
      ping_timer_(link_.context(),
                  [this] {
                    link_.send_ping();
                    ping_timer_.start(heartbeat_);
                  }),
      silence_timer_(link_.context(), [this] { check_silence(); }) {}

void Connection::start() {
  if (token_.empty()) {
    refuse_auth(Error{ErrorCode::unauthorized, "no token: call set_token()"});
    return;
  }
  connect();
}

void Connection::stop() {
  stopped_ = true;
  ready_ = false;
  for (auto* timer : {&reconnect_timer_, &hello_timer_, &ping_timer_, &silence_timer_}) {
    timer->cancel();
  }
  link_.drop();
}

void Connection::service() { link_.service(); }

void Connection::wake() noexcept { link_.wake(); }

bool Connection::send(const protocol::Request& request) {
  return send_encoded(protocol::encode(request));
}

bool Connection::send_encoded(std::string frame) {
  if (!ready_) return false;
  link_.send_text(std::move(frame));
  return true;
}

void Connection::set_token(std::string token) {
  token_ = std::move(token);
  if (!auth_blocked_) return;  // a live session keeps going; the next hello uses the new token
  auth_blocked_ = false;
  backoff_.reset();
  if (!paused_) reconnect_timer_.start(milliseconds(0));
}

void Connection::set_foreground(bool foreground) {
  if (foreground == !paused_) return;
  paused_ = !foreground;
  if (paused_) {
    reconnect_timer_.cancel();
    if (link_.active()) drop(Error{ErrorCode::unavailable, "paused: the app is in the background"});
    return;
  }
  backoff_.reset();
  if (!auth_blocked_ && !stopped_) reconnect_timer_.start(milliseconds(0));
}

void Connection::network_changed() {
  if (paused_) return;  // reconnects when the app comes back to the foreground
  backoff_.reset();
  if (link_.active()) {
    link_.drop();
    lost(Error{ErrorCode::unavailable, "the network changed"}, /*reconnect_at_once=*/true);
  } else if (!auth_blocked_ && !stopped_) {
    reconnect_timer_.start(milliseconds(0));
  }
}

void Connection::refuse_auth(Error error) {
  auth_blocked_ = true;
  reconnect_timer_.cancel();
  Event event;
  event.type = EventType::auth_failed;
  event.error = error;
  events_.push(std::move(event));
  if (link_.active()) {
    link_.drop();
    lost(std::move(error));
  }
}

void Connection::drop(Error error) {
  link_.drop();
  lost(std::move(error));
}

void Connection::connect() {
  if (stopped_ || auth_blocked_ || paused_ || link_.active()) return;
  set_state(ConnectionState::connecting);
  link_.connect();  // on_link_open or on_link_closed follows, possibly at once
}

void Connection::on_link_open() {
  hello_id_ = "hello-" + std::to_string(++hello_count_);
  hello_token_ = token_;
  protocol::Request hello{hello_id_, "hello",
                          {{"token", token_},
                           {"resume_from", listener_.resume_from()},
                           {"sdk", sdk_description()},
                           {"app", app_},
                           {"platform", platform_},
                           {"locale", locale_}}};
  last_alive_ = Clock::now();
  link_.send_text(protocol::encode(hello));
  hello_timer_.start(request_timeout_);
}

void Connection::on_link_frame(std::string text) {
  auto decoded = protocol::decode_server_frame(text);
  if (const auto* bad = std::get_if<protocol::WireError>(&decoded)) {
    drop(Error{ErrorCode::bad_request, "the server sent a malformed frame: " + bad->message});
    return;
  }
  // Handling a frame may fail on a malformed value or on the local store; either way this
  // session cannot go on as if the frame had been applied. The event stays unapplied, and
  // the next session replays it.
  try {
    handle_frame(std::move(std::get<protocol::ServerFrame>(decoded)));
  } catch (const WireValueError& e) {
    drop(Error{ErrorCode::bad_request, std::string("the server sent a malformed value: ") + e.what()});
  } catch (const protocol::Json::exception& e) {
    drop(Error{ErrorCode::bad_request, std::string("the server sent a malformed value: ") + e.what()});
  } catch (const std::exception& e) {
    drop(Error{ErrorCode::internal, std::string("could not apply a server frame: ") + e.what()});
  }
}

void Connection::handle_frame(protocol::ServerFrame frame) {
  if (ready_) {
    listener_.on_session_frame(std::move(frame));
    return;
  }
  // Before welcome only the answer to hello is expected; nothing else can be for us.
  if (const auto* reply = std::get_if<protocol::Reply>(&frame); reply && reply->id == hello_id_) {
    start_session(parse_welcome(reply->result));
  } else if (const auto* err = std::get_if<protocol::ErrorReply>(&frame);
             err && err->id == hello_id_) {
    Error error = to_public(err->error);
    if (is_transient(error.code) || token_ != hello_token_) {
      // Retry with backoff; or a new token came while the old one was being refused: use it.
      drop(std::move(error));
    } else {
      // The token itself is refused (expired, bad, too large, the wrong kind of principal):
      // trying it again cannot help, so wait for the app's set_token().
      refuse_auth(std::move(error));
    }
  }
}

void Connection::start_session(const Welcome& welcome) {
  hello_timer_.cancel();
  ready_ = true;
  backoff_.reset();
  heartbeat_ = milliseconds(welcome.heartbeat_ms);
  max_frame_bytes_ = welcome.limits.max_frame_bytes;
  last_alive_ = Clock::now();
  ping_timer_.start(heartbeat_);
  silence_timer_.start(2 * heartbeat_);
  listener_.on_welcome(welcome);
  set_state(ConnectionState::connected, {}, welcome.principal);
  listener_.on_session_start(welcome);
}

void Connection::check_silence() {
  const auto silent = std::chrono::duration_cast<milliseconds>(Clock::now() - last_alive_);
  if (silent >= 2 * heartbeat_) {
    drop(Error{ErrorCode::unavailable, "nothing from the server for two heartbeat intervals"});
    return;
  }
  silence_timer_.start(2 * heartbeat_ - silent);
}

void Connection::on_link_alive() { last_alive_ = Clock::now(); }

void Connection::on_link_closed(std::string reason) {
  lost(Error{ErrorCode::unavailable, std::move(reason)});
}

void Connection::on_wake() { listener_.on_wake(); }

void Connection::lost(Error error, bool reconnect_at_once) {
  const bool was_ready = ready_;
  ready_ = false;
  for (auto* timer : {&hello_timer_, &ping_timer_, &silence_timer_}) timer->cancel();
  if (was_ready) listener_.on_session_end();
  set_state(ConnectionState::disconnected, std::move(error));
  if (stopped_ || auth_blocked_ || paused_) return;
  reconnect_timer_.start(reconnect_at_once ? milliseconds(0) : backoff_.next_delay());
}

void Connection::set_state(ConnectionState state, Error error, Author principal) {
  if (state == state_) return;
  state_ = state;
  Event event;
  event.type = EventType::connection_changed;
  event.connection = state;
  event.error = std::move(error);
  event.principal = std::move(principal);
  events_.push(std::move(event));
}

}  // namespace parley::client
