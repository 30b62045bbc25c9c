#pragma once
// The app's reply events, built from the server's results. What a result carries is kept in
// the store too, so that the cache reflects the newest copy the client has seen.
#include <optional>
#include <string>

#include "parley/event.hpp"
#include "protocol/frame.hpp"
#include "store/store.hpp"

namespace parley::client {

// The server's ticket schema, kept in the store; `changed` if it differs from the stored one.
// Throws WireValueError for a malformed schema.
struct StoredSchema {
  TicketSchema schema;
  bool changed = false;
};
StoredSchema store_ticket_schema(store::Store& store, const protocol::Json& json);
// The schema the store holds (empty until the server sent one).
TicketSchema stored_ticket_schema(store::Store& store);

// A read (history, conversations, tickets, ticket, status change, agent queue, agent take), with
// the args it was sent with. Throws WireValueError for a malformed result.
Event read_reply(store::Store& store, EventType type, const protocol::Json& args,
                 const protocol::Json& result);

// An acknowledged write: removes it from the outbox and stores the server's copy in one
// transaction. nullopt if it was no longer in the outbox (its reply was already given).
std::optional<Event> complete_write(store::Store& store, const std::string& client_id,
                                    const protocol::Json& result);

// A write the server refused for good: it stays in the outbox marked failed (for
// retry_message() or cancel_message()) and its pending message shows failed. nullopt if it
// was not queued (its reply was already given).
std::optional<Event> fail_write(store::Store& store, const std::string& client_id, Error error);

}  // namespace parley::client
