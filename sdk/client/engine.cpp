#include "client/engine.hpp"

#include <charconv>
#include <filesystem>
#include <utility>
#include <variant>

#include "client/faq_fetch.hpp"
#include "client/faq_sync.hpp"
#include "client/files_dir.hpp"
#include "client/operations.hpp"
#include "client/replies.hpp"
#include "client/server_events.hpp"
#include "client/staged_files.hpp"
#include "client/wire_values.hpp"
#include "protocol/error_code.hpp"
#include "sqlite/sqlite.hpp"
#include "store/message_order.hpp"
#include "transport/server_url.hpp"

namespace parley::client {
namespace {

// http(s)://host:port/v1/attachments, beside the WebSocket's ws(s)://host:port/v1.
std::string attachments_url(const std::string& server_url) {
  const auto url = transport::parse_server_url(server_url);
  if (!url) return {};
  const bool ipv6 = url->host.find(':') != std::string::npos;
  return std::string(url->tls ? "https://" : "http://") + (ipv6 ? "[" + url->host + "]" : url->host) +
         (url->port > 0 ? ":" + std::to_string(url->port) : "") + url->path + "/attachments";
}

constexpr char kRequestPrefix = 'r';
// Writes sent on a link before their acknowledgements come back: enough to keep the link full,
// few enough that a reconnect resends little.
constexpr std::size_t kOutboxWindow = 64;
// Receipts of messages that arrive close together go out as one per conversation.
constexpr std::chrono::milliseconds kReceiptDelay{50};
// How long before its expiry the app is asked for a new token.
constexpr std::int64_t kTokenRefreshMarginMs = 60'000;
// How long a backgrounded app keeps its link to finish sending what is queued.
constexpr std::chrono::seconds kBackgroundGrace{5};

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

std::string receipt_key(const std::string& conversation_id, const std::string& kind) {
  return conversation_id + "/" + kind;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Engine::Engine(const Config& config, std::string files_dir, EventQueue& events, CommandQueue& commands,
               AnnouncedLimits& limits)
    : request_timeout_(config.request_timeout),
      events_(events),
      commands_(commands),
      limits_(limits),
      store_(config.store_path,
             [this](const std::optional<std::string>& failure) {
               // On the flusher's thread: told to the app, and logged (libwebsockets' logging
               // is not thread-safe), from the client's thread.
               commands_.push([failure](Engine& e) { e.on_disk_health(failure); });
               wake();
             }),
      connection_(config, events, *this),
      request_timer_(connection_.loop(), [this] { expire_requests(); }),
      retry_timer_(connection_.loop(),
                   [this] {
                     outbox_cursor_ = 0;  // resend, in order, whatever is not in flight
                     send_outbox();
                   }),
      receipt_timer_(connection_.loop(), [this] { flush_receipts(); }),
      typing_timer_(connection_.loop(), [this] { expire_typing(); }),
      token_timer_(connection_.loop(),
                   [this] {
                     token_warned_ = true;
                     Event event;
                     event.type = EventType::token_expiring;
                     event.count = std::max<std::int64_t>(0, token_claims_.exp - now_ms() / 1000);
                     emit(std::move(event));
                   }),
      background_timer_(connection_.loop(), [this] { pause_now(); }),
      retry_backoff_(config.reconnect_base, config.reconnect_cap),
      token_claims_(protocol::read_token_claims(config.token).value_or(protocol::TokenClaims{})),
      token_(config.token),
      faq_url_(config.faq_url),
      files_dir_(std::move(files_dir)) {
  faq_.replace_all(store_.articles().all());
  TransferSettings transfers;
  transfers.base_url = attachments_url(config.server_url);
  transfers.timeout = config.request_timeout;
  transfers_ = std::make_unique<FileTransfers>(transfers, [this](Event event) {
    // On the transfers' thread: the event goes out from the client's thread, in order.
    commands_.push([event = std::move(event)](Engine& engine) mutable { engine.on_transfer(std::move(event)); });
    wake();
  });
  file_writes_ = std::make_unique<FileWrites>(store_, *transfers_, files_dir_);
  file_writes_->resume(token_);  // files of writes made in an earlier run
}

// The flusher finishes here, while its error report can still wake the client's loop: the
// connection goes away before the store does.
Engine::~Engine() { store_.wait_for_syncs(); }

void Engine::run() {
  arm_token_timer();
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
  faq_fetch_.cancel();
  connection_.stop();
}

void Engine::write(WriteRequest request) {
  const EventType reply = ops::write_reply(request.op).value_or(EventType::message_sent);
  try {
    store_.transaction([&] {
      store::OutboxEntry entry;
      entry.client_id = request.client_id;
      entry.op = request.op;
      entry.args_json = request.args.dump();
      entry.tag = request.tag;
      entry.principal_id = token_claims_.sub;
      entry.held = !request.files.empty();
      store_.outbox().append(entry);
      file_writes_->add(request.files);
      if (request.pending_message) {
        Message& m = *request.pending_message;
        // The author the token names: the store may still hold another user's principal.
        m.author = token_claims_.sub.empty()
                       ? store_.meta().principal()
                       : Author{token_claims_.kind, token_claims_.sub,
                                token_claims_.name.empty() ? token_claims_.sub : token_claims_.name};
        m.created_at = now_ms();
        m.state = DeliveryState::pending;
        store_.messages().add_pending(m);
      }
    });
  } catch (const std::exception& e) {
    unstage_files(request.files);
    emit_reply(reply, request.tag,
               Error{ErrorCode::internal, std::string("could not store the write: ") + e.what()},
               request.client_id);
    return;
  }
  dispatch_write(/*waits_for_files=*/!request.files.empty());
}

void Engine::dispatch_write(bool waits_for_files) {
  store_.sync_soon();  // on the store's flusher thread, while the write is sent
  if (waits_for_files) {
    file_writes_->resume(token_);
  } else if (!retry_timer_.armed()) {
    send_outbox();  // while a refused write waits for its retry, later ones wait too
  }
}

void Engine::on_disk_health(const std::optional<std::string>& failure) {
  Event event;
  event.type = EventType::store_health_changed;
  if (failure) {
    lwsl_err("parley: %s\n", failure->c_str());
    event.error = Error{ErrorCode::internal, *failure};
  } else {
    lwsl_user("parley: the store's flushes to the disk work again\n");
  }
  emit(std::move(event));
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
  if (faq_url_.empty()) {
    read(EventType::faq_synced, ops::kFaqSync, {{"since_version", store_.meta().faq_version()}},
         tag);
    return;
  }
  if (stopped_) {
    emit_reply(EventType::faq_synced, tag, Error{ErrorCode::closed, "the client is shutting down"});
    return;
  }
  faq_sync_tags_.push_back(tag);
  start_faq_fetch();
}

// One fetch at a time; the syncs asked for while one runs share the next, which starts from
// the version the running one reaches.
void Engine::start_faq_fetch() {
  if (faq_fetch_.busy() || faq_sync_tags_.empty() || stopped_) return;
  auto tags = std::exchange(faq_sync_tags_, {});
  const std::int64_t since = store_.meta().faq_version();
  faq_fetch_.start(
      faq_request(faq_url_, since, store_.meta().faq_etag(), token_, request_timeout_),
      [this, tags = std::move(tags), since](transport::HttpResult result) {
        // On the worker's thread: hand the result to the client's thread.
        commands_.push([this, tags, since, result = std::move(result)](Engine&) {
          on_faq_fetched(tags, since, result);
        });
        wake();
      });
}

void Engine::on_faq_fetched(const std::vector<std::uint64_t>& tags, std::int64_t since_version,
                            const transport::HttpResult& result) {
  faq_fetch_.finished();
  auto outcome = apply_faq_fetch(store_, faq_, since_version, result);
  for (const auto tag : tags) {
    if (auto* error = std::get_if<Error>(&outcome)) {
      emit_reply(EventType::faq_synced, tag, *error);
    } else {
      Event event = std::get<Event>(outcome);
      event.tag = tag;
      emit(std::move(event));
    }
  }
  start_faq_fetch();
}

void Engine::look_up_faq(FaqLookup lookup, const std::string& text, const std::string& locale,
                         std::size_t limit, std::uint64_t tag) {
  Event event;
  event.type = EventType::faq_results;
  event.tag = tag;
  event.hits = lookup == FaqLookup::suggest ? faq_.suggest(text, locale, limit)
                                            : faq_.search(text, locale, limit);
  emit(std::move(event));
}

void Engine::load_history(const std::string& conversation_id, const std::string& before,
                          std::size_t limit, std::uint64_t tag) {
  const auto page =
      store_.messages().page(conversation_id, store::message_number(before), limit);
  const bool complete = store_.conversations().history_complete(conversation_id);
  if (page.messages.size() == limit || complete || (!connection_.ready() && !page.messages.empty())) {
    // Offline, a short page is what the device has; has_more says there may be more.
    emit_history_page(conversation_id, before, limit, tag, !complete);
    return;
  }
  if (stopped_ || !connection_.ready()) {
    emit_reply(EventType::history_loaded, tag,
               Error{stopped_ ? ErrorCode::closed : ErrorCode::disconnected,
                     "the history is not on the device and the client is not connected"});
    return;
  }
  // Ask only for what the device lacks: what is older than its oldest message in this range.
  const std::string from = page.messages.empty() ? before : page.messages.front().id;
  protocol::Json args{{"conversation_id", conversation_id},
                      {"limit", limit - page.messages.size()}};
  if (!from.empty()) args["before"] = from;
  PendingRequest pending;
  pending.reply = EventType::history_loaded;
  pending.tag = tag;
  pending.args = args;
  pending.args["app_before"] = before;
  pending.args["app_limit"] = limit;
  send(ops::kChatHistory, std::move(args), std::move(pending));
}

void Engine::emit_history_page(const std::string& conversation_id, const std::string& before,
                               std::size_t limit, std::uint64_t tag, bool server_has_more) {
  auto page = store_.messages().page(conversation_id, store::message_number(before), limit);
  store_.add_delivery_states(page.messages);
  Event event;
  event.type = EventType::history_loaded;
  event.tag = tag;
  event.has_more = page.older_cached || server_has_more;
  event.messages = std::move(page.messages);
  emit(std::move(event));
}

void Engine::set_token(std::string token) {
  token_ = token;
  token_claims_ = protocol::read_token_claims(token).value_or(protocol::TokenClaims{});
  token_warned_ = false;
  arm_token_timer();
  connection_.set_token(std::move(token));
}

void Engine::arm_token_timer() {
  token_timer_.cancel();
  if (token_claims_.exp <= 0 || token_warned_) return;
  const std::int64_t due = token_claims_.exp * 1000 - kTokenRefreshMarginMs - now_ms();
  token_timer_.start(std::chrono::milliseconds(std::max<std::int64_t>(0, due)));
}

void Engine::network_changed() {
  connection_.network_changed();
  file_writes_->resume(token_);
}

void Engine::set_foreground(bool foreground) {
  if (foreground) {
    going_to_background_ = false;
    background_timer_.cancel();
    connection_.set_foreground(true);
    return;
  }
  if (connection_.paused() || going_to_background_) return;
  if (!connection_.ready() || store_.outbox().size() == 0) {
    pause_now();
    return;
  }
  // Let what is queued go out first (a message sent just before the app was left), briefly.
  going_to_background_ = true;
  background_timer_.start(kBackgroundGrace);
}

void Engine::pause_now() {
  going_to_background_ = false;
  background_timer_.cancel();
  connection_.set_foreground(false);
}

void Engine::mark_read(const std::string& conversation_id, const std::string& message_id) {
  const std::string up_to = message_id.empty()
                                ? store_.messages().newest_id_from(conversation_id,
                                                                   store_.other_side_kinds())
                                : message_id;
  if (up_to.empty()) return;  // nothing from the other side to have read
  store_.receipts().owe(conversation_id, "read", up_to);
  if (auto view = store_.conversation_with_unread(conversation_id)) {
    Event event;
    event.type = EventType::conversation_updated;
    event.change = "read";
    event.conversations.push_back(std::move(*view));
    emit(std::move(event));
  }
  flush_receipts();
}

void Engine::set_typing(const std::string& conversation_id, bool typing) {
  if (!connection_.ready()) return;  // typing is live only: nothing to keep for later
  if (!typing_sender_.should_send(conversation_id, typing, TypingClock::now())) return;
  send_internal(ops::kChatTyping, {{"conversation_id", conversation_id}, {"typing", typing}});
}

ErrorCode Engine::cancel_write(const std::string& client_id) {
  const auto entry = store_.outbox().find(client_id);
  if (!entry) return ErrorCode::not_found;  // unknown, or the server has it already
  // On the wire now: the server may be storing it this moment; delete it once it is sent.
  if (pending_.has_write(client_id)) return ErrorCode::conflict;
  store_.transaction([&] {
    if (entry->held) file_writes_->cancel(client_id);
    store_.outbox().remove(client_id);
    store_.messages().remove_pending(client_id);
  });
  return ErrorCode::ok;
}

ErrorCode Engine::retry_write(const std::string& client_id) {
  const auto entry = store_.outbox().find(client_id);
  if (!entry) return ErrorCode::not_found;
  if (!entry->failed()) return ErrorCode::conflict;  // still queued: it is being sent
  bool ready = !entry->held;
  store_.transaction([&] {
    store_.outbox().requeue(client_id);
    store_.messages().set_state(client_id, DeliveryState::pending);
    if (entry->held) ready = file_writes_->release_if_complete(client_id);
  });
  dispatch_write(/*waits_for_files=*/!ready);  // its files go on from where they stopped
  return ErrorCode::ok;
}

std::vector<Message> Engine::cached_messages(const std::string& conversation_id) {
  return store_.messages_of(conversation_id);
}

std::vector<Conversation> Engine::cached_conversations() {
  return store_.conversations_with_unread();
}

std::size_t Engine::outbox_size() { return store_.outbox().size(); }

// --- Requests -------------------------------------------------------------------------

void Engine::send(const std::string& op, protocol::Json args, PendingRequest pending) {
  const std::uint64_t number = ++request_count_;
  pending.op = op;
  send_frame(number, protocol::encode(protocol::Request{request_id(number), op, std::move(args)}),
             std::move(pending));
}

void Engine::send_frame(std::uint64_t number, std::string frame, PendingRequest pending) {
  pending.deadline = Clock::now() + request_timeout_;
  connection_.send_encoded(std::move(frame));
  pending_.add(number, std::move(pending));
  arm_request_timer();
}

void Engine::send_internal(const char* op, protocol::Json args) {
  PendingRequest pending;
  pending.internal = true;
  pending.args = args;
  send(op, std::move(args), std::move(pending));
}

void Engine::send_outbox() {
  if (!connection_.ready()) return;
  std::size_t in_flight = pending_.write_count();
  while (in_flight < kOutboxWindow) {
    const auto batch = store_.outbox().queued_after(outbox_cursor_, kOutboxWindow - in_flight);
    if (batch.empty()) return;
    for (const auto& entry : batch) {
      outbox_cursor_ = entry.position;
      if (pending_.has_write(entry.client_id)) continue;
      const auto reply = ops::write_reply(entry.op);
      auto args = protocol::Json::parse(entry.args_json, nullptr, /*allow_exceptions=*/false);
      std::optional<Error> unsendable;
      std::string frame;
      if (!reply || !args.is_object()) {
        unsendable = Error{ErrorCode::internal, "the stored write is damaged"};
      } else {
        const std::uint64_t number = ++request_count_;
        frame = protocol::encode(protocol::Request{request_id(number), entry.op, args});
        if (frame.size() > connection_.max_frame_bytes()) {
          unsendable = Error{ErrorCode::too_large,
                             "the write's frame of " + std::to_string(frame.size()) +
                                 " bytes exceeds the server's limit of " +
                                 std::to_string(connection_.max_frame_bytes())};
        } else {
          PendingRequest pending;
          pending.op = entry.op;
          pending.reply = *reply;
          pending.tag = entry.tag;
          pending.client_id = entry.client_id;
          send_frame(number, std::move(frame), std::move(pending));
          ++in_flight;
        }
      }
      // Sending it again could never succeed: it fails now, and the rest go on.
      if (unsendable) {
        if (auto event = fail_write(store_, entry.client_id, std::move(*unsendable))) {
          emit(std::move(*event));
        }
      }
    }
  }
}

void Engine::schedule_receipts() {
  if (!receipt_timer_.armed()) receipt_timer_.start(kReceiptDelay);
}

void Engine::flush_receipts() {
  if (!connection_.ready()) return;
  for (const auto& owed : store_.receipts().all()) {
    const std::string key = receipt_key(owed.conversation_id, owed.kind);
    // One in flight per conversation and kind; a newer one goes when it is answered.
    if (!receipts_in_flight_.insert(key).second) continue;
    send_internal(ops::kChatReceipt, {{"conversation_id", owed.conversation_id},
                                      {"message_id", owed.message_id},
                                      {"kind", owed.kind}});
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
    } else if (request.internal) {
      on_internal_reply(request, nullptr, Error{ErrorCode::timeout, "no reply"});
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

void Engine::on_welcome(const Welcome& welcome) {
  limits_.max_text_bytes = welcome.limits.max_text_bytes;
  limits_.max_subject_bytes = welcome.limits.max_subject_bytes;
  if (welcome.max_attachment_bytes > 0) limits_.max_attachment_bytes = welcome.max_attachment_bytes;
  if (!welcome.attachment_types.empty()) limits_.set_attachment_types(welcome.attachment_types);
}

void Engine::on_session_start(const Welcome& welcome) {
  adopt_principal(welcome);
  retry_timer_.cancel();
  retry_backoff_.reset();
  outbox_cursor_ = 0;
  typing_sender_.reset();
  send_outbox();
  flush_receipts();
  send_internal(ops::kTicketSchema, protocol::Json::object());  // for create_ticket's checks
  file_writes_->resume(token_);  // uploads that paused while the link was down
}

void Engine::adopt_principal(const Welcome& welcome) {
  const Author stored = store_.meta().principal();
  const bool same_principal = stored.id == welcome.principal.id && stored.kind == welcome.principal.kind;
  const bool other_principal = !stored.id.empty() && !same_principal;
  fail_other_principals_writes(welcome.principal, stored);
  if (!same_principal || stored.name != welcome.principal.name) {
    store_.meta().set_principal(welcome.principal);
  }
  // Another database behind the same address (replaced, or reset and filled again): its seqs
  // say nothing about what this device has seen.
  const std::string stored_server = store_.meta().server_id();
  const bool other_server = !stored_server.empty() && !welcome.server_id.empty() &&
                            stored_server != welcome.server_id;
  if (!welcome.server_id.empty() && welcome.server_id != stored_server) {
    store_.meta().set_server_id(welcome.server_id);
  }
  if (other_principal || other_server || welcome.resync) {
    // Events the server replays after this welcome are then older than latest_seq, and so
    // ignored: the app fetches the current state instead.
    store_.reset_view(welcome.latest_seq);
    forget_kept_files(files_dir_);  // the ids they are kept by may name other files now
    Event event;
    event.type = EventType::resynced;
    emit(std::move(event));
  }
}

void Engine::fail_other_principals_writes(const Author& principal, const Author& stored) {
  // A write goes out only as the principal who made it. Entries from before the SDK recorded
  // that belong to whoever the store belonged to.
  for (const auto& entry : store_.outbox().queued()) {
    const std::string& writer = entry.principal_id.empty() ? stored.id : entry.principal_id;
    if (writer.empty() || writer == principal.id) continue;
    if (auto event = fail_write(store_, entry.client_id,
                                Error{ErrorCode::forbidden,
                                      "written by another principal (" + writer + ")"})) {
      emit(std::move(*event));
    }
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
  receipt_timer_.cancel();
  typing_timer_.cancel();
  receipts_in_flight_.clear();  // owed receipts stay in the store and go in the next session
  for (auto& e : typing_tracker_.clear()) emit(std::move(e));
  for (auto& request : pending_.take_all()) {
    // Writes stay in the outbox and are sent again in the next session.
    if (request.is_write() || request.internal) continue;
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
    write_done();
    return;
  }
  if (request->internal) {
    on_internal_reply(*request, &reply.result, Error{});
    return;
  }
  try {
    if (request->op == ops::kChatHistory) {
      on_history_reply(*request, reply.result);
      return;
    }
    Event event = request->reply == EventType::faq_synced
                      ? apply_faq_sync(store_, faq_,
                                       integer_field(request->args, "since_version"),
                                       reply.result)
                      : read_reply(store_, request->reply, request->args, reply.result);
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

void Engine::on_history_reply(const PendingRequest& request, const protocol::Json& result) {
  const Event fetched = read_reply(store_, EventType::history_loaded, request.args, result);
  // The page the app asked for, now that the device holds it.
  emit_history_page(string_field(request.args, "conversation_id"),
                    string_field(request.args, "app_before"),
                    static_cast<std::size_t>(integer_field(request.args, "app_limit")),
                    request.tag, fetched.has_more);
}

void Engine::on_internal_reply(const PendingRequest& request, const protocol::Json* result,
                               const Error& error) {
  if (request.op == ops::kTicketSchema) {
    if (result != nullptr) on_ticket_schema(*result);
    return;  // refused (an older server): checks go on without a schema
  }
  if (request.op != ops::kChatReceipt) return;  // typing: nothing to do either way
  const std::string conversation_id = string_field(request.args, "conversation_id");
  const std::string kind = string_field(request.args, "kind");
  receipts_in_flight_.erase(receipt_key(conversation_id, kind));
  if (result != nullptr) {
    store_.transaction([&] {
      store_.conversations().store(parse_conversation(member(*result, "conversation")));
      store_.receipts().settle(conversation_id, kind,
                               store::message_number(string_field(request.args, "message_id")));
    });
  } else if (error.code == ErrorCode::not_found || error.code == ErrorCode::bad_request ||
             error.code == ErrorCode::forbidden) {
    store_.receipts().forget(conversation_id, kind);  // can never be taken: don't owe it
    return;
  } else {
    return;  // retryable: still owed, sent again in the next session
  }
  // A newer receipt was owed while this one was on its way.
  for (const auto& owed : store_.receipts().all()) {
    if (owed.conversation_id == conversation_id && owed.kind == kind) schedule_receipts();
  }
}

void Engine::on_ticket_schema(const protocol::Json& result) {
  try {
    auto stored = store_ticket_schema(store_, member(result, "schema"));
    if (!stored.changed) return;
    Event event;
    event.type = EventType::ticket_schema_loaded;
    event.ticket_schema = std::move(stored.schema);
    emit(std::move(event));
  } catch (const WireValueError& e) {
    lwsl_warn("parley: ignoring a malformed ticket schema: %s\n", e.what());
  }
}

void Engine::upload_attachment(UploadJob job) {
  job.token = token_;
  transfers_->upload(std::move(job));
}

ErrorCode Engine::cancel_upload(const std::string& upload_id) {
  return transfers_->cancel(upload_id) ? ErrorCode::ok : ErrorCode::not_found;
}

void Engine::download_attachment(const std::string& attachment_id, std::uint64_t tag) {
  const std::string path = files_dir_ + "/" + attachment_id;
  std::error_code ignored;
  if (std::filesystem::exists(path, ignored)) {  // kept from before: the file never changes
    Event event;
    event.type = EventType::attachment_downloaded;
    event.tag = tag;
    event.attachment_id = attachment_id;
    event.path = path;
    emit(std::move(event));
    return;
  }
  std::filesystem::create_directories(files_dir_, ignored);
  transfers_->download(DownloadJob{attachment_id, path, token_, tag});
}

TicketSchema Engine::ticket_schema() { return stored_ticket_schema(store_); }

std::vector<Ticket> Engine::cached_tickets() { return store_.tickets().tickets(); }

void Engine::write_done() {
  if (going_to_background_ && store_.outbox().size() == 0) {
    pause_now();
    return;
  }
  if (!retry_timer_.armed()) send_outbox();
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
  if (request->internal) {
    on_internal_reply(*request, nullptr, error);
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
  write_done();
}

void Engine::on_ephemeral(const protocol::Event& event) {
  if (event.name != "chat.typing") return;  // from a newer server: nothing to do
  const auto author = parse_author(member(event.data, "author"));
  if (auto e = typing_tracker_.on_typing(string_field(event.data, "conversation_id"), author,
                                         bool_field(event.data, "typing"), TypingClock::now())) {
    emit(std::move(*e));
  }
  expire_typing();
}

void Engine::expire_typing() {
  for (auto& e : typing_tracker_.expire(TypingClock::now())) emit(std::move(e));
  if (const auto next = typing_tracker_.next_expiry()) {
    typing_timer_.start(std::chrono::ceil<std::chrono::milliseconds>(*next - TypingClock::now()));
  } else {
    typing_timer_.cancel();
  }
}

void Engine::on_event(const protocol::Event& event) {
  if (event.ephemeral()) {
    on_ephemeral(event);
    return;
  }
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
  for (auto& e : applied.events) {
    if (e.type == EventType::message_received) {
      // A message ends its author's typing.
      const Message& m = e.messages.front();
      if (auto stop = typing_tracker_.on_message(m.conversation_id, m.author)) {
        emit(std::move(e));
        emit(std::move(*stop));
        continue;
      }
    }
    emit(std::move(e));
  }
  if (applied.receipts_owed) schedule_receipts();
  const std::int64_t faq_version = store_.meta().faq_version();
  // Only a device that keeps the FAQ (it synced once) follows catalogue changes.
  if (applied.faq_version && faq_version > 0 && *applied.faq_version > faq_version) sync_faq(0);
}

void Engine::on_transfer(Event event) {
  if (event.client_id.empty()) {  // upload_attachment / download_attachment: the app's own
    emit(std::move(event));
    return;
  }
  auto outcome = file_writes_->on_transfer(std::move(event));
  for (auto& e : outcome.events) emit(std::move(e));
  if (outcome.released && !retry_timer_.armed()) send_outbox();
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
