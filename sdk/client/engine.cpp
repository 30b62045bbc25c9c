#include "client/engine.hpp"

#include <charconv>
#include <variant>

#include "client/faq_sync.hpp"
#include "client/operations.hpp"
#include "client/replies.hpp"
#include "client/server_events.hpp"
#include "client/wire_values.hpp"
#include "protocol/error_code.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::client {
namespace {

constexpr char kRequestPrefix = 'r';

std::string request_id(std::uint64_t number) { return kRequestPrefix + std::to_string(number); }

// The number of one of our request ids ("r17" → 17); nullopt for any other id.
std::optional<std::uint64_t> request_number(const std::string& id) {
  if (id.size() < 2 || id.front() != kRequestPrefix) return std::nullopt;
  std::uint64_t number = 0;
  const auto* end = id.data() + id.size();
  const auto [ptr, ec] = std::from_chars(id.data() + 1, end, number);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return number;
}

bool is_auth_error(ErrorCode code) {
  return code == ErrorCode::unauthorized || code == ErrorCode::token_expired;
}

bool is_retryable(ErrorCode code) {
  return code == ErrorCode::rate_limited || code == ErrorCode::unavailable ||
         code == ErrorCode::internal;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Engine::Engine(const Config& config, EventQueue& events, CommandQueue& commands,
               AnnouncedLimits& limits)
    : request_timeout_(config.request_timeout),
      events_(events),
      commands_(commands),
      limits_(limits),
      store_(config.store_path),
      connection_(config, events, *this),
      request_timer_(connection_.loop(), [this] { expire_requests(); }),
      retry_timer_(connection_.loop(), [this] { send_outbox(); }),
      retry_backoff_(config.reconnect_base, config.reconnect_cap) {
  faq_.replace_all(store_.articles().all());
}

Engine::~Engine() = default;

void Engine::run() {
  connection_.start();
  while (!stopped_) connection_.service();
}

void Engine::wake() noexcept { connection_.wake(); }

void Engine::on_wake() { run_commands(); }

void Engine::run_commands() {
  for (auto& command : commands_.take_all()) {
    // Each command reports its own failures to the app; this only keeps one command's
    // unexpected failure from starving the rest.
    try {
      command(*this);
    } catch (const std::exception& e) {
      lwsl_err("parley: a client command failed: %s\n", e.what());
    }
  }
}

// --- Commands -------------------------------------------------------------------------

void Engine::stop() {
  stopped_ = true;
  connection_.stop();
}

void Engine::write(WriteRequest request) {
  const EventType reply = ops::write_reply(request.op).value_or(EventType::message_sent);
  try {
    store_.transaction([&] {
      store_.outbox().append(
          {request.client_id, request.op, request.args.dump(), request.tag});
      if (request.pending_message) {
        Message& m = *request.pending_message;
        m.author = store_.meta().principal();
        m.created_at = now_ms();
        m.state = DeliveryState::pending;
        store_.messages().add_pending(m);
      }
    });
  } catch (const std::exception& e) {
    emit_reply(reply, request.tag,
               Error{ErrorCode::internal, std::string("could not store the write: ") + e.what()},
               request.client_id);
    return;
  }
  // While a refused write waits for its retry, later ones wait too, so that order holds.
  if (!retry_timer_.armed()) send_outbox();
}

void Engine::read(EventType reply, const char* op, protocol::Json args, std::uint64_t tag) {
  if (stopped_) {
    emit_reply(reply, tag, Error{ErrorCode::closed, "the client is shutting down"});
    return;
  }
  if (!connection_.ready()) {
    emit_reply(reply, tag, Error{ErrorCode::disconnected, "not connected to the server"});
    return;
  }
  PendingRequest pending;
  pending.reply = reply;
  pending.tag = tag;
  pending.args = args;
  send(op, std::move(args), std::move(pending));
}

void Engine::sync_faq(std::uint64_t tag) {
  read(EventType::faq_synced, ops::kFaqSync, {{"since_version", store_.meta().faq_version()}},
       tag);
}

void Engine::search_faq(const std::string& query, const std::string& locale, std::size_t limit,
                        std::uint64_t tag) {
  Event event;
  event.type = EventType::faq_results;
  event.tag = tag;
  event.hits = faq_.search(query, locale, limit);
  emit(std::move(event));
}

void Engine::set_token(std::string token) { connection_.set_token(std::move(token)); }

void Engine::network_changed() { connection_.network_changed(); }

std::vector<Message> Engine::cached_messages(const std::string& conversation_id) {
  return store_.messages().conversation(conversation_id);
}

std::size_t Engine::outbox_size() { return store_.outbox().size(); }

// --- Requests -------------------------------------------------------------------------

void Engine::send(const std::string& op, protocol::Json args, PendingRequest pending) {
  const std::uint64_t number = ++request_count_;
  pending.deadline = Clock::now() + request_timeout_;
  connection_.send(protocol::Request{request_id(number), op, std::move(args)});
  pending_.add(number, std::move(pending));
  arm_request_timer();
}

void Engine::send_outbox() {
  if (!connection_.ready()) return;
  for (auto& entry : store_.outbox().entries()) {
    if (pending_.has_write(entry.client_id)) continue;
    const auto reply = ops::write_reply(entry.op);
    auto args = protocol::Json::parse(entry.args_json, nullptr, /*allow_exceptions=*/false);
    if (!reply || !args.is_object()) {
      // Cannot be sent as it was written; retrying would never succeed.
      if (auto event = fail_write(store_, entry.client_id,
                                  Error{ErrorCode::internal, "the stored write is damaged"})) {
        emit(std::move(*event));
      }
      continue;
    }
    PendingRequest pending;
    pending.reply = *reply;
    pending.tag = entry.tag;
    pending.client_id = entry.client_id;
    send(entry.op, std::move(args), std::move(pending));
  }
}

void Engine::arm_request_timer() {
  const auto next = pending_.next_deadline();
  if (!next) {
    request_timer_.cancel();
    return;
  }
  const auto delay = std::chrono::ceil<std::chrono::milliseconds>(*next - Clock::now());
  request_timer_.start(std::max(delay, std::chrono::milliseconds(0)));
}

void Engine::expire_requests() {
  bool write_expired = false;
  for (auto& request : pending_.take_expired(Clock::now())) {
    if (request.is_write()) {
      write_expired = true;
    } else {
      emit_reply(request.reply, request.tag,
                 Error{ErrorCode::timeout, "no reply within the request timeout"});
    }
  }
  if (write_expired) {
    // A write stays in the outbox; a fresh session resends it and the server deduplicates.
    connection_.drop(Error{ErrorCode::timeout, "the server did not acknowledge a write in time"});
    return;
  }
  arm_request_timer();
}

// --- The session ----------------------------------------------------------------------

std::int64_t Engine::resume_from() { return store_.meta().last_seq(); }

void Engine::on_session_start(const Welcome& welcome) {
  limits_.max_text_bytes = welcome.limits.max_text_bytes;
  limits_.max_subject_bytes = welcome.limits.max_subject_bytes;
  adopt_principal(welcome);
  retry_timer_.cancel();
  retry_backoff_.reset();
  send_outbox();
}

void Engine::adopt_principal(const Welcome& welcome) {
  const Author stored = store_.meta().principal();
  const bool same_principal = stored.id == welcome.principal.id && stored.kind == welcome.principal.kind;
  const bool other_principal = !stored.id.empty() && !same_principal;
  if (other_principal) {
    // The store holds another principal's view and writes: none of it may be shown to, or
    // sent as, this one.
    for (const auto& entry : store_.outbox().entries()) {
      if (auto event = fail_write(store_, entry.client_id,
                                  Error{ErrorCode::forbidden,
                                        "written by another principal (" + stored.id + ")"})) {
        emit(std::move(*event));
      }
    }
  }
  if (!same_principal || stored.name != welcome.principal.name) {
    store_.meta().set_principal(welcome.principal);
  }
  if (other_principal || welcome.resync) {
    // Events the server replays after this welcome are then older than latest_seq, and so
    // ignored: the app fetches the current state instead.
    store_.reset_view(welcome.latest_seq);
    Event event;
    event.type = EventType::resynced;
    emit(std::move(event));
  }
}

void Engine::on_session_frame(protocol::ServerFrame frame) {
  std::visit(
      [this](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, protocol::Reply>) {
          on_reply(f);
        } else if constexpr (std::is_same_v<F, protocol::ErrorReply>) {
          on_error(f);
        } else {
          on_event(f);
        }
      },
      frame);
}

void Engine::on_session_end() {
  request_timer_.cancel();
  retry_timer_.cancel();
  for (auto& request : pending_.take_all()) {
    // Writes stay in the outbox and are sent again in the next session.
    if (request.is_write()) continue;
    emit_reply(request.reply, request.tag,
               Error{ErrorCode::disconnected, "the connection was lost before the reply came"});
  }
}

void Engine::on_reply(const protocol::Reply& reply) {
  const auto number = request_number(reply.id);
  if (!number) return;
  auto request = pending_.take(*number);
  if (!request) return;  // answered after its timeout: the app already had its reply
  arm_request_timer();

  if (request->is_write()) {
    // A malformed result propagates: the write stays in the outbox, the session is dropped,
    // and the resend gets the same result from the server's deduplication.
    if (auto event = complete_write(store_, request->client_id, reply.result)) {
      emit(std::move(*event));
    }
    return;
  }
  try {
    Event event = request->reply == EventType::faq_synced
                      ? apply_faq_sync(store_, faq_,
                                       integer_field(request->args, "since_version"),
                                       reply.result)
                      : read_reply(store_, request->reply, reply.result);
    event.tag = request->tag;
    emit(std::move(event));
  } catch (const WireValueError& e) {
    emit_reply(request->reply, request->tag,
               Error{ErrorCode::bad_request,
                     std::string("the server sent a malformed result: ") + e.what()});
  } catch (const sqlite::SqliteError& e) {
    // The device's store failed (full disk, busy with another process): the read still gets
    // its one reply, and the link stays up (a read has no seq to replay).
    emit_reply(request->reply, request->tag,
               Error{e.is_busy() ? ErrorCode::unavailable : ErrorCode::internal,
                     std::string("the local store failed: ") + e.what()});
  }
}

void Engine::on_error(const protocol::ErrorReply& reply) {
  if (!reply.id) {
    // The server could not read one of our frames well enough to name it: a bug on one side.
    lwsl_warn("parley: the server refused a frame: %s\n", reply.error.message.c_str());
    return;
  }
  const auto number = request_number(*reply.id);
  if (!number) return;
  auto request = pending_.take(*number);
  if (!request) return;
  arm_request_timer();

  Error error = to_public(reply.error);
  if (request->is_write()) {
    on_write_refused(*request, std::move(error));
    return;
  }
  emit_reply(request->reply, request->tag, error);
  if (is_auth_error(error.code)) connection_.refuse_auth(std::move(error));
}

void Engine::on_write_refused(const PendingRequest& write, Error error) {
  if (is_retryable(error.code)) {
    // It stays in the outbox and is sent again, after the others in flight, once the delay
    // has passed.
    retry_timer_.start(retry_backoff_.next_delay());
    return;
  }
  if (is_auth_error(error.code)) {
    connection_.refuse_auth(std::move(error));  // kept; sent again after set_token()
    return;
  }
  if (auto event = fail_write(store_, write.client_id, std::move(error))) {
    emit(std::move(*event));
  }
}

void Engine::on_event(const protocol::Event& event) {
  const auto seq = static_cast<std::int64_t>(event.seq);
  const std::int64_t last = store_.meta().last_seq();
  AppliedEvent applied;
  const auto order =
      store_.apply_event(seq, [&] { applied = apply_server_event(store_, event); });
  if (order == store::EventOrder::old) return;
  if (order == store::EventOrder::gap) {
    connection_.drop(Error{ErrorCode::internal, "missed server events: got seq " +
                                                    std::to_string(seq) + " after " +
                                                    std::to_string(last)});
    return;
  }
  for (auto& e : applied.events) emit(std::move(e));
  const std::int64_t faq_version = store_.meta().faq_version();
  // Only a device that keeps the FAQ (it synced once) follows catalogue changes.
  if (applied.faq_version && faq_version > 0 && *applied.faq_version > faq_version) sync_faq(0);
}

void Engine::emit(Event event) { events_.push(std::move(event)); }

void Engine::emit_reply(EventType type, std::uint64_t tag, Error error, std::string client_id) {
  Event event;
  event.type = type;
  event.tag = tag;
  event.error = std::move(error);
  event.client_id = std::move(client_id);
  emit(std::move(event));
}

}  // namespace parley::client
