#include "client/replies.hpp"

#include "client/operations.hpp"
#include "client/wire_values.hpp"

namespace parley::client {
namespace {

void store_messages(store::Store& store, const std::vector<Message>& messages) {
  for (const auto& m : messages) store.messages().store(m);
}

void store_conversations(store::Store& store, const std::vector<Conversation>& conversations) {
  for (const auto& c : conversations) store.messages().store_conversation(c);
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

Event read_reply(store::Store& store, EventType type, const protocol::Json& result) {
  Event event;
  event.type = type;
  store.transaction([&] {
    switch (type) {
      case EventType::history_loaded:
        event.messages = parse_list(result, "messages", &parse_message);
        event.has_more = bool_field(result, "has_more");
        store_messages(store, event.messages);
        break;
      case EventType::conversations_listed:
        event.conversations = parse_list(result, "conversations", &parse_conversation);
        store_conversations(store, event.conversations);
        break;
      case EventType::tickets_listed:
        event.tickets = parse_list(result, "tickets", &parse_ticket);
        store_tickets(store, event.tickets);
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
        store.messages().store(event->messages.back());
        break;
      case EventType::ticket_created:
        event->tickets.push_back(parse_ticket(member(result, "ticket")));
        store.tickets().store_ticket(event->tickets.back());
        break;
      case EventType::comment_added:
        event->comments.push_back(parse_comment(member(result, "comment")));
        store.tickets().store_comment(event->comments.back());
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
    if (!entry) return;
    event = write_event(*entry);
    event->error = std::move(error);
    store.messages().mark_failed(client_id);
    store.outbox().remove(client_id);
  });
  return event;
}

}  // namespace parley::client
