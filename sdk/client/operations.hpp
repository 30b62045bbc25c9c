#pragma once
// The protocol's op names (docs/protocol.md, section 6) as the client uses them.
#include <optional>
#include <string_view>

#include "parley/event.hpp"

namespace parley::client::ops {

inline constexpr const char* kChatSend = "chat.send";
inline constexpr const char* kChatHistory = "chat.history";
inline constexpr const char* kChatConversations = "chat.conversations";
inline constexpr const char* kChatEdit = "chat.edit";
inline constexpr const char* kChatDelete = "chat.delete";
inline constexpr const char* kChatReceipt = "chat.receipt";
inline constexpr const char* kChatTyping = "chat.typing";
inline constexpr const char* kChatHandoff = "chat.handoff";
inline constexpr const char* kTicketCreate = "ticket.create";
inline constexpr const char* kTicketList = "ticket.list";
inline constexpr const char* kTicketGet = "ticket.get";
inline constexpr const char* kTicketComment = "ticket.comment";
inline constexpr const char* kTicketSetStatus = "ticket.set_status";
inline constexpr const char* kTicketSchema = "ticket.schema";
inline constexpr const char* kTicketClose = "ticket.close";
inline constexpr const char* kTicketReopen = "ticket.reopen";
inline constexpr const char* kTicketRate = "ticket.rate";
inline constexpr const char* kTicketSetPriority = "ticket.set_priority";
inline constexpr const char* kTicketTake = "ticket.take";
inline constexpr const char* kFaqSync = "faq.sync";
inline constexpr const char* kFaqFeedback = "faq.feedback";
inline constexpr const char* kAgentQueue = "agent.queue";
inline constexpr const char* kAgentReply = "agent.reply";
inline constexpr const char* kAgentTake = "agent.take";

// The reply event of a write op (one the outbox carries); nullopt for any other op.
inline std::optional<EventType> write_reply(std::string_view op) {
  if (op == kChatSend || op == kAgentReply) return EventType::message_sent;
  if (op == kTicketCreate) return EventType::ticket_created;
  if (op == kTicketComment) return EventType::comment_added;
  if (op == kChatEdit || op == kChatDelete) return EventType::message_edited;
  if (op == kFaqFeedback) return EventType::article_rated;
  if (op == kChatHandoff) return EventType::agent_requested;
  if (op == kTicketClose || op == kTicketReopen || op == kTicketRate || op == kTicketSetPriority ||
      op == kTicketTake) {
    return EventType::ticket_changed;
  }
  return std::nullopt;
}

// The `change` a ticket_changed reply names: the one the server's ticket.updated event names.
inline const char* ticket_change(std::string_view op) {
  if (op == kTicketRate) return "rated";
  if (op == kTicketSetPriority) return "priority";
  if (op == kTicketTake) return "assigned";
  return "status";
}

}  // namespace parley::client::ops
