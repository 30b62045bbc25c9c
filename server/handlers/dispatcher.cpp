#include "handlers/dispatcher.hpp"

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "handlers/agent_ops.hpp"
#include "handlers/chat_ops.hpp"
#include "handlers/message_change_ops.hpp"
#include "handlers/receipt_ops.hpp"
#include "handlers/typing_ops.hpp"
#include "handlers/faq_ops.hpp"
#include "handlers/session_ops.hpp"
#include "handlers/ticket_change_ops.hpp"
#include "handlers/ticket_ops.hpp"
#include "protocol/args.hpp"
#include "protocol/limits.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::ErrorReply;

void send_error(Peer& peer, std::optional<std::string> id, ErrorCode code, std::string message) {
  peer.send(protocol::encode(ErrorReply{std::move(id), {code, std::move(message)}}));
}

// Thrown out of a shared run by a request that failed after it changed the database.
struct NeedsIsolation {};

// SQLite ends the transaction itself on some failures (a full disk, out of memory): what the
// batch did before is gone with it, and what would follow would commit on its own.
struct TransactionLost : std::runtime_error {
  TransactionLost() : std::runtime_error("SQLite rolled the transaction back") {}
};

// The typed error for the exception being handled; call it inside a catch block.
protocol::WireError current_error(const std::string& op) {
  try {
    throw;
  } catch (const protocol::ArgError& e) {
    return {e.code(), e.what()};
  } catch (const RequestError& e) {
    return {e.code(), e.what()};
  } catch (const sqlite::SqliteError& e) {
    std::fprintf(stderr, "parley-server: %s failed in storage: %s\n", op.c_str(), e.what());
    return {e.is_busy() ? ErrorCode::unavailable : ErrorCode::internal,
            e.is_busy() ? "storage is busy; retry" : "storage failure"};
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parley-server: %s failed: %s\n", op.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "parley-server: %s failed\n", op.c_str());
  }
  return {ErrorCode::internal, "internal error"};
}

// The state of a batch's sessions before it ran. A batch that is run again, or does not
// commit, must not keep what its run did to them: a hello's principal, a typing window.
class SessionSnapshots {
 public:
  template <typename Batch>
  explicit SessionSnapshots(const Batch& batch) {
    for (const auto& queued : batch) {
      if (queued.peer != nullptr) saved_.try_emplace(queued.peer, queued.peer->state());
    }
  }
  // The peers are all still open: a session closes between batches, not during one.
  void restore() const {
    for (const auto& [peer, state] : saved_) peer->state() = state;
  }

 private:
  std::unordered_map<Peer*, SessionState> saved_;
};

}  // namespace

Dispatcher::Dispatcher(Services& services, Hub& hub)
    : services_(services),
      hub_(hub),
      ops_{{"ping", &handle_ping},
           {"chat.send", &handle_chat_send},
           {"chat.history", &handle_chat_history},
           {"chat.conversations", &handle_chat_conversations},
           {"chat.edit", &handle_chat_edit},
           {"chat.delete", &handle_chat_delete},
           {"chat.receipt", &handle_chat_receipt},
           {"chat.typing", &handle_chat_typing},
           {"chat.handoff", &handle_chat_handoff},
           {"ticket.create", &handle_ticket_create},
           {"ticket.list", &handle_ticket_list},
           {"ticket.get", &handle_ticket_get},
           {"ticket.comment", &handle_ticket_comment},
           {"ticket.set_status", &handle_ticket_set_status},
           {"ticket.schema", &handle_ticket_schema},
           {"ticket.close", &handle_ticket_close},
           {"ticket.reopen", &handle_ticket_reopen},
           {"ticket.rate", &handle_ticket_rate},
           {"ticket.set_priority", &handle_ticket_set_priority},
           {"ticket.take", &handle_ticket_take},
           {"faq.sync", &handle_faq_sync},
           {"faq.search", &handle_faq_search},
           {"faq.feedback", &handle_faq_feedback},
           {"agent.queue", &handle_agent_queue},
           {"agent.reply", &handle_agent_reply},
           {"agent.take", &handle_agent_take}} {}

std::size_t Dispatcher::frame_limit(const Peer& peer) const {
  return peer.state().principal ? services_.settings.limits.max_frame_bytes
                                : protocol::Limits{}.max_frame_bytes;
}

void Dispatcher::on_binary(Peer& peer) {
  send_error(peer, std::nullopt, ErrorCode::bad_request, "binary frames are not accepted; send text");
}

void Dispatcher::on_oversized(Peer& peer, std::size_t frame_bytes, std::size_t limit) {
  send_error(peer, std::nullopt, ErrorCode::too_large,
             "frame of " + std::to_string(frame_bytes) + " bytes exceeds the limit of " +
                 std::to_string(limit));
}

void Dispatcher::on_closed(Peer& peer) {
  hub_.detach(peer);
  // Its queued requests are dropped: none was acknowledged, and the client sends its writes
  // again on its next connection.
  for (auto& queued : queue_) {
    if (queued.peer == &peer) queued.peer = nullptr;
  }
}

void Dispatcher::on_text(Peer& peer, std::string_view frame) {
  auto decoded = protocol::decode_request(frame, frame_limit(peer));
  if (auto* error = std::get_if<ErrorReply>(&decoded)) {
    peer.send(protocol::encode(*error));
    return;
  }
  queue_.push_back(Queued{&peer, std::move(std::get<protocol::Request>(decoded))});
}

void Dispatcher::flush() {
  if (queue_.empty()) return;
  std::vector<Queued> batch;
  batch.swap(queue_);
  // Group commit: every request read in this turn of the loop runs in one transaction, and a
  // single commit — one fsync — makes them all durable before any of them is acknowledged.
  const SessionSnapshots before(batch);
  auto run = run_batch(batch, Isolation::shared);
  if (run.status == BatchRun::Status::needs_isolation) {
    before.restore();
    run = run_batch(batch, Isolation::isolated);
  }
  if (run.status != BatchRun::Status::committed) {
    before.restore();  // a hello that did not commit did not happen
    for (auto& queued : batch) {
      if (queued.peer == nullptr) continue;
      send_error(*queued.peer, queued.request.id, ErrorCode::unavailable, "storage failure; retry");
    }
    return;
  }
  for (auto& answer : run.answers) deliver(answer);
}

Dispatcher::BatchRun Dispatcher::run_batch(std::vector<Queued>& batch, Isolation isolation) {
  BatchRun run;
  run.answers.reserve(batch.size());
  try {
    sqlite::Transaction tx(services_.db);
    for (auto& queued : batch) run.answers.push_back(answer(queued, isolation));
    tx.commit();
    run.status = BatchRun::Status::committed;
  } catch (const NeedsIsolation&) {
    run.status = BatchRun::Status::needs_isolation;  // rolled back: nothing of it happened
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parley-server: a commit of %zu requests failed: %s\n", batch.size(),
                 e.what());
  }
  return run;
}

Dispatcher::Answer Dispatcher::answer(Queued& queued, Isolation isolation) {
  Answer answer{queued.peer, queued.request.id, queued.request.op, {}};
  Peer* peer = queued.peer;
  if (peer == nullptr) return answer;  // the session closed before its turn
  const auto& request = queued.request;
  OpHandler handler = nullptr;
  if (request.op == "hello") {
    handler = &handle_hello;
  } else if (!peer->state().principal) {
    answer.result = protocol::WireError{ErrorCode::unauthorized, "send hello first"};
    return answer;
  } else if (auto it = ops_.find(request.op); it != ops_.end()) {
    handler = it->second;
  } else {
    answer.result = protocol::WireError{ErrorCode::bad_request, "unknown op \"" + request.op + "\""};
    return answer;
  }
  auto& db = services_.db;
  const int changes_before = db.total_changes();
  try {
    std::optional<sqlite::Transaction> step;  // a savepoint: this request, all or nothing
    if (isolation == Isolation::isolated) step.emplace(db);
    answer.result = run(handler, *peer, request);
    if (step) step->commit();
  } catch (...) {
    if (isolation == Isolation::shared && db.total_changes() != changes_before) throw NeedsIsolation{};
    answer.result = current_error(request.op);
  }
  if (!db.in_transaction()) throw TransactionLost{};
  return answer;
}

void Dispatcher::deliver(Answer& answer) {
  if (auto* error = std::get_if<protocol::WireError>(&answer.result)) {
    if (answer.peer != nullptr) send_error(*answer.peer, answer.id, error->code, error->message);
    return;
  }
  auto& outcome = std::get<Outcome>(answer.result);
  try {
    if (answer.peer != nullptr) {
      Peer& peer = *answer.peer;
      peer.send(outcome.result_json
                    ? protocol::encode_reply(answer.id, *outcome.result_json)
                    : protocol::encode(protocol::Reply{answer.id, std::move(outcome.result)}));
      if (outcome.attach) hub_.attach(peer);
      if (outcome.replay_after) {
        peer.start_replay(replay_pager(log_of(*peer.state().principal), *outcome.replay_after));
      }
    }
    for (const auto& stored : outcome.events) hub_.publish(stored);
    for (const auto& live : outcome.ephemeral) {
      const std::string encoded = protocol::encode(live.event);
      for (const auto& log_id : live.log_ids) hub_.publish_ephemeral(log_id, encoded);
    }
  } catch (const std::exception& e) {  // encoding; the change itself is committed
    std::fprintf(stderr, "parley-server: %s: cannot send the reply: %s\n", answer.op.c_str(),
                 e.what());
  }
}

ReplayPager Dispatcher::replay_pager(std::string log_id, std::uint64_t after) {
  // A page is small enough to keep a slow client's queue short, large enough that a long
  // backlog costs few queries.
  constexpr std::size_t kPageEvents = 256;
  return [&logs = services_.events, id = std::move(log_id), cursor = after]() mutable {
    std::vector<std::string> frames;
    for (const auto& event : logs.events_after(id, cursor, kPageEvents)) {
      cursor = event.seq;
      frames.push_back(event.frame());  // the stored text as it is: no decode, no encode
    }
    return frames;
  };
}

Outcome Dispatcher::run(OpHandler handler, Peer& peer, const protocol::Request& request) {
  Call call{services_, peer, request.args};
  return handler(call);
}

}  // namespace parley::server
