#include "client/server_events.hpp"

#include <algorithm>

#include "client/wire_values.hpp"

namespace parley::client {
namespace {

// A write of this client that the server has not acknowledged yet: its echo is not news.
bool is_own_pending_write(store::Store& store, const std::string& client_id) {
  return !client_id.empty() && store.outbox().find(client_id).has_value();
}

bool from_other_side(store::Store& store, const Message& message) {
  const auto kinds = store.other_side_kinds();
  return std::find(kinds.begin(), kinds.end(), message.author.kind) != kinds.end();
}

void apply_message(store::Store& store, const Json& data, AppliedEvent& out) {
  Message message = parse_message(member(data, "message"));
  // The client's own message replaces its pending row: reported as changed, not news.
  if (store.store_message(message) != store::Stored::inserted) return;
  if (from_other_side(store, message)) {
    store.receipts().owe(message.conversation_id, "delivered", message.id);
    out.receipts_owed = true;
  }
  Event event;
  event.type = EventType::message_received;
  event.messages.push_back(std::move(message));
  out.events.push_back(std::move(event));
}

void apply_message_update(store::Store& store, const Json& data, AppliedEvent& out) {
  Message message = parse_message(member(data, "message"));
  // Unchanged: the client's own edit, already stored from its reply.
  if (store.store_message(message) != store::Stored::changed) return;
  Event event;
  event.type = EventType::message_updated;
  event.change = string_field(data, "change");
  event.messages.push_back(std::move(message));
  store.add_delivery_states(event.messages);
  out.events.push_back(std::move(event));
}

void apply_conversation(store::Store& store, const Json& data, AppliedEvent& out) {
  const Conversation conversation = parse_conversation(member(data, "conversation"));
  if (store.conversations().store(conversation) == store::Stored::unchanged) return;
  Event event;
  event.type = EventType::conversation_updated;
  event.change = string_field(data, "change");
  event.conversations.push_back(
      store.conversation_with_unread(conversation.id).value_or(conversation));
  out.events.push_back(std::move(event));
}

void apply_ticket(store::Store& store, const Json& data, AppliedEvent& out) {
  Ticket ticket = parse_ticket(member(data, "ticket"));
  if (store.tickets().store_ticket(ticket) == store::Stored::unchanged) return;
  if (is_own_pending_write(store, ticket.client_id)) return;
  Event event;
  event.type = EventType::ticket_updated;
  event.change = string_field(data, "change");
  event.tickets.push_back(std::move(ticket));
  out.events.push_back(std::move(event));
}

void apply_comment(store::Store& store, const Json& data, AppliedEvent& out) {
  Comment comment = parse_comment(member(data, "comment"));
  if (store.tickets().store_comment(comment) != store::Stored::inserted) return;
  if (is_own_pending_write(store, comment.client_id)) return;
  Event event;
  event.type = EventType::ticket_comment;
  event.comments.push_back(std::move(comment));
  out.events.push_back(std::move(event));
}

}  // namespace

AppliedEvent apply_server_event(store::Store& store, const protocol::Event& event) {
  AppliedEvent out;
  if (event.name == "message.new") {
    apply_message(store, event.data, out);
  } else if (event.name == "message.updated") {
    apply_message_update(store, event.data, out);
  } else if (event.name == "conversation.updated") {
    apply_conversation(store, event.data, out);
  } else if (event.name == "ticket.updated") {
    apply_ticket(store, event.data, out);
  } else if (event.name == "ticket.comment") {
    apply_comment(store, event.data, out);
  } else if (event.name == "faq.changed") {
    out.faq_version = integer_field(event.data, "version");
  }
  // Other names come from newer servers: recording their seq is all there is to do.
  return out;
}

}  // namespace parley::client
