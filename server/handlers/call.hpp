#pragma once
// One request being handled: its arguments, the session it came from, and what it produced.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fanout/peer.hpp"
#include "handlers/request_error.hpp"
#include "handlers/services.hpp"
#include "protocol/frame.hpp"
#include "storage/author.hpp"
#include "storage/event_logs.hpp"
#include "storage/principals.hpp"

namespace parley::server {

// An event for the sessions reading `log_ids` that are live now: never stored, no seq.
struct EphemeralEvent {
  std::vector<std::string> log_ids;
  protocol::Event event;
};

struct Outcome {
  protocol::Json result = protocol::Json::object();
  // The result as JSON text instead, when the handler has it encoded already (as the data of
  // the event it caused): sent as it is.
  std::shared_ptr<const std::string> result_json;
  std::vector<StoredEvent> events;      // committed; pushed to live sessions after the reply
  std::vector<EphemeralEvent> ephemeral;  // pushed to live sessions after the reply
  std::optional<std::uint64_t> replay_after;  // hello: replay the caller's events after this seq
  bool attach = false;                  // start live delivery to the caller (hello)
};

// An outcome that only answers: nothing changed, nothing to push.
inline Outcome reply_with(protocol::Json result) {
  Outcome outcome;
  outcome.result = std::move(result);
  return outcome;
}

// A handler runs within the transaction that commits the whole batch, and what it writes is
// all or nothing without a transaction of its own: if it throws after a write, the dispatcher
// runs the batch again with each request in a savepoint (Dispatcher::answer). It opens one only
// for a part that must be able to fail alone (the bot's answer).
struct Call {
  Services& services;
  Peer& peer;
  const protocol::Json& args;

  // The authenticated principal; the dispatcher only routes authenticated calls here.
  const Principal& principal() const { return *peer.state().principal; }
  bool is_agent() const { return principal().kind == PrincipalKind::agent; }
  // The principal as the author of what this call creates.
  Author author() const {
    return Author{std::string(to_string(principal().kind)), principal().id, principal().name};
  }

  void require_user() const {
    if (is_agent()) throw RequestError(protocol::ErrorCode::forbidden, "this op is for users");
  }
  void require_agent() const {
    if (!is_agent()) throw RequestError(protocol::ErrorCode::forbidden, "this op is for agents");
  }
};

using OpHandler = Outcome (*)(Call&);

}  // namespace parley::server
