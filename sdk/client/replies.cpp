#include "client/replies.hpp"

#include "client/operations.hpp"
#include "client/wire_values.hpp"
#include "protocol/ticket_schema.hpp"
#include "store/message_order.hpp"

namespace parley::client {
namespace {

void store_messages(store::Store& store, const std::vector<Message>& messages) {
  for (const auto& m : messages) store.store_message(m);
}

// Stores the server's copies and gives the app the device's view of them (with unread counts
// and receipts no older than the device has seen).
void store_conversations(store::Store& store, std::vector<Conversation>& conversations) {
  for (auto& c : conversations) {
    store.conversations().store(c);
    if (auto view = store.conversation_with_unread(c.id)) c = std::move(*view);
  }
}

// A page of history from the server. Once it reaches the first message, and the cache held
// nothing older than where the page started, the cache holds the whole conversation from
// `before` back: later pages come from the device alone.
void store_history(store::Store& store, const protocol::Json& args, Event& event) {
  const std::string conversation_id = string_field(args, "conversation_id");
  const std::string before = string_field(args, "before");
  const std::string oldest = store.messages().oldest_id(conversation_id);
  const bool joins_cache = oldest.empty() || before.empty() ||
                           store::message_number(before) >= store::message_number(oldest);
  store_messages(store, event.messages);
  if (!event.has_more && joins_cache && store.conversations().find(conversation_id)) {
    store.conversations().set_history_complete(conversation_id);
  }
  store.add_delivery_states(event.messages);
}

void store_tickets(store::Store& store, const std::vector<Ticket>& tickets) {
  for (const auto& t : tickets) store.tickets().store_ticket(t);
}

Event write_event(const store::OutboxEntry& entry) {
  Event event;
  event.type = ops::write_reply(entry.op).value_or(EventType::message_sent);
  event.tag = entry.tag;
  event.client_id = entry.client_id;
  return event;
}

}  // namespace

StoredSchema store_ticket_schema(store::Store& store, const protocol::Json& json) {
  StoredSchema stored;
  try {
    stored.schema = protocol::parse_ticket_schema(json);
  } catch (const protocol::ArgError& e) {
    throw WireValueError(std::string("ticket schema: ") + e.what());
  }
  // Kept in its normal form, so that an unchanged schema compares equal.
  const std::string text = protocol::ticket_schema_json(stored.schema).dump();
  stored.changed = text != store.meta().ticket_schema();
  if (stored.changed) store.meta().set_ticket_schema(text);
  return stored;
}

TicketSchema stored_ticket_schema(store::Store& store) {
  const std::string text = store.meta().ticket_schema();
  if (text.empty()) return {};
  try {
    return protocol::parse_ticket_schema(protocol::Json::parse(text));
  } catch (const std::exception&) {
    return {};  // written by this code, so never; an unreadable copy is as good as none
  }
}

Event read_reply(store::Store& store, EventType type, const protocol::Json& args,
                 const protocol::Json& result) {
  Event event;
  event.type = type;
  store.transaction([&] {
    switch (type) {
      case EventType::history_loaded:
        event.messages = parse_list(result, "messages", &parse_message);
        event.has_more = bool_field(result, "has_more");
        store_history(store, args, event);
        break;
      case EventType::conversations_listed:
        event.conversations = parse_list(result, "conversations", &parse_conversation);
        store_conversations(store, event.conversations);
        break;
      case EventType::tickets_listed:
        event.tickets = parse_list(result, "tickets", &parse_ticket);
        event.has_more = bool_field(result, "has_more");
        store_tickets(store, event.tickets);
        break;
      case EventType::ticket_schema_loaded:
        event.ticket_schema = store_ticket_schema(store, member(result, "schema")).schema;
        break;
      case EventType::ticket_loaded:
        event.tickets.push_back(parse_ticket(member(result, "ticket")));
        event.comments = parse_list(result, "comments", &parse_comment);
        store_tickets(store, event.tickets);
        for (const auto& c : event.comments) store.tickets().store_comment(c);
        break;
      case EventType::ticket_status_set:
        event.tickets.push_back(parse_ticket(member(result, "ticket")));
        store_tickets(store, event.tickets);
        break;
      case EventType::conversation_taken:
        event.conversations.push_back(parse_conversation(member(result, "conversation")));
        store_conversations(store, event.conversations);
        break;
      case EventType::agent_queue_loaded:
        event.conversations = parse_list(result, "conversations", &parse_conversation);
        event.tickets = parse_list(result, "tickets", &parse_ticket);
        store_conversations(store, event.conversations);
        store_tickets(store, event.tickets);
        break;
      default:
        break;
    }
  });
  return event;
}

std::optional<Event> complete_write(store::Store& store, const std::string& client_id,
                                    const protocol::Json& result) {
  std::optional<Event> event;
  store.transaction([&] {
    const auto entry = store.outbox().find(client_id);
    if (!entry) return;
    event = write_event(*entry);
    switch (event->type) {
      case EventType::message_sent:
        event->messages.push_back(parse_message(member(result, "message")));
        store.store_message(event->messages.back());
        break;
      case EventType::message_edited:
        event->messages.push_back(parse_message(member(result, "message")));
        event->change = entry->op == ops::kChatDelete ? "deleted" : "edited";
        store.store_message(event->messages.back());
        store.add_delivery_states(event->messages);
        break;
      case EventType::ticket_created:
        event->tickets.push_back(parse_ticket(member(result, "ticket")));
        store.tickets().store_ticket(event->tickets.back());
        break;
      case EventType::comment_added:
        event->comments.push_back(parse_comment(member(result, "comment")));
        store.tickets().store_comment(event->comments.back());
        break;
      case EventType::article_rated:
        event->feedback = parse_feedback(member(result, "feedback"));
        break;
      case EventType::agent_requested:
        event->conversations.push_back(parse_conversation(member(result, "conversation")));
        store_conversations(store, event->conversations);
        break;
      case EventType::ticket_changed:
        event->tickets.push_back(parse_ticket(member(result, "ticket")));
        event->change = ops::ticket_change(entry->op);
        store.tickets().store_ticket(event->tickets.back());
        break;
      default:
        break;
    }
    store.outbox().remove(client_id);
  });
  return event;
}

std::optional<Event> fail_write(store::Store& store, const std::string& client_id, Error error) {
  std::optional<Event> event;
  store.transaction([&] {
    const auto entry = store.outbox().find(client_id);
    if (!entry || entry->failed()) return;
    event = write_event(*entry);
    store.outbox().mark_failed(client_id, to_string(error.code), error.message);
    store.messages().set_state(client_id, DeliveryState::failed);
    event->error = std::move(error);
  });
  return event;
}

}  // namespace parley::client
