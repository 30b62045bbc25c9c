#include "handlers/lookup.hpp"

#include "protocol/args.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

template <typename Row, typename Find>
Row visible(Call& call, const char* arg_key, IdPrefix prefix, const char* what, Find find) {
  const auto id = *protocol::id_arg(call.args, arg_key);
  std::optional<Row> row;
  if (const auto row_id = parse_id(prefix, id)) row = find(*row_id);
  if (!row || (!call.is_agent() && row->user_id != call.principal().id)) {
    throw RequestError(protocol::ErrorCode::not_found, std::string(what) + " \"" + id + "\" not found");
  }
  return std::move(*row);
}

}  // namespace

ConversationRow visible_conversation(Call& call, const char* arg_key, LastMessage last) {
  return visible<ConversationRow>(call, arg_key, kConversationId, "conversation", [&](std::int64_t id) {
    return call.services.conversations.find(id, last);
  });
}

MessageRow visible_message(Call& call, const char* arg_key) {
  const auto id = *protocol::id_arg(call.args, arg_key);
  std::optional<MessageRow> message;
  if (const auto row_id = parse_id(kMessageId, id)) message = call.services.conversations.find_message(*row_id);
  if (message && !call.is_agent()) {
    const auto conversation = call.services.conversations.find(message->conversation_id, LastMessage::skip);
    if (!conversation || conversation->user_id != call.principal().id) message.reset();
  }
  if (!message) throw RequestError(protocol::ErrorCode::not_found, "message \"" + id + "\" not found");
  return std::move(*message);
}

TicketRow visible_ticket(Call& call, const char* arg_key) {
  return visible<TicketRow>(call, arg_key, kTicketId, "ticket",
                            [&](std::int64_t id) { return call.services.tickets.find(id); });
}

}  // namespace parley::server
