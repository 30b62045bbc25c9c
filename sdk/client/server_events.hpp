#pragma once
// What a server event (docs/protocol.md, section 3) changes in the store, and which app
// events it causes: each new message, ticket state and comment is surfaced once, and the
// echo of the client's own write is not surfaced at all (the write's reply event covers it).
#include <cstdint>
#include <optional>
#include <vector>

#include "parley/event.hpp"
#include "protocol/frame.hpp"
#include "store/store.hpp"

namespace parley::client {

struct AppliedEvent {
  std::vector<Event> events;               // for the app, once the change is committed
  std::optional<std::int64_t> faq_version;  // the FAQ catalogue changed to this version
  bool receipts_owed = false;               // a delivered receipt is owed for a new message
};

// Call inside the transaction that records the event's seq (Store::apply_event). Throws
// WireValueError for a malformed event; unknown event names change nothing.
AppliedEvent apply_server_event(store::Store& store, const protocol::Event& event);

}  // namespace parley::client
