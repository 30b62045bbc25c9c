#include "handlers/receipt_ops.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "handlers/conversation_events.hpp"
#include "handlers/lookup.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"
#include "storage/object_id.hpp"

namespace parley::server {

using protocol::ErrorCode;

Outcome handle_chat_receipt(Call& call) {
  const auto kind = *protocol::text_arg(call.args, "kind", {16, true, true});
  if (kind != "delivered" && kind != "read") {
    throw protocol::ArgError(ErrorCode::bad_request, "\"kind\" must be \"delivered\" or \"read\"");
  }
  const auto conversation = visible_conversation(call, "conversation_id");
  const auto message_id = *protocol::id_arg(call.args, "message_id");
  const auto row_id = parse_id(kMessageId, message_id);
  const auto message = row_id ? call.services.conversations.find_message(*row_id) : std::nullopt;
  if (!message || message->conversation_id != conversation.id) {
    throw RequestError(ErrorCode::not_found,
                       "message \"" + message_id + "\" not found in this conversation");
  }

  // Receipts only move forward, and what is read has been delivered.
  const Side side = call.is_agent() ? Side::agent : Side::user;
  ReceiptRow receipt = conversation.receipt(side);
  receipt.delivered_up_to = std::max(receipt.delivered_up_to, message->id);
  if (kind == "read") receipt.read_up_to = std::max(receipt.read_up_to, message->id);
  if (receipt == conversation.receipt(side)) {
    return reply_with({{"conversation", conversation_json(conversation)}});
  }

  Outcome outcome;
  call.services.conversations.set_receipt(conversation.id, side, receipt);
  outcome.events = conversation_updated(call.services, conversation.id, "receipts", now_ms());
  outcome.result = {{"conversation", conversation_json(*call.services.conversations.find(conversation.id))}};
  return outcome;
}

}  // namespace parley::server
