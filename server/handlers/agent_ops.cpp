#include "handlers/agent_ops.hpp"

#include "common/clock.hpp"
#include "handlers/attachment_claims.hpp"
#include "handlers/conversation_events.hpp"
#include "handlers/lookup.hpp"
#include "handlers/message_poster.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"

namespace parley::server {

using protocol::Json;

Outcome handle_agent_queue(Call& call) {
  call.require_agent();
  Json conversations = Json::array();
  for (const auto& c : call.services.conversations.list("", true)) {
    conversations.push_back(conversation_json(c));
  }
  Json tickets = Json::array();
  TicketFilter waiting;
  waiting.statuses = {"open", "pending"};
  for (const auto& t : call.services.tickets.list(waiting)) {
    tickets.push_back(ticket_json(t));
  }
  return reply_with({{"conversations", std::move(conversations)}, {"tickets", std::move(tickets)}});
}

Outcome handle_agent_reply(Call& call) {
  call.require_agent();
  const auto client_id = *protocol::id_arg(call.args, "client_id");
  const auto text = *protocol::text_arg(
      call.args, "text", {call.services.settings.limits.max_text_bytes, true, !names_attachments(call)});
  const auto& me = call.principal();

  if (auto repeat = call.services.conversations.find_message(me.id, client_id)) {
    return reply_with({{"message", message_json(*repeat)}});
  }
  Outcome outcome;
  const auto conversation = visible_conversation(call, "conversation_id");
  // The first agent to answer takes the conversation: the user learns who joined before
  // reading the answer.
  if (!conversation.assignee) {
    outcome.events = assign_conversation(call.services, conversation, me, now_ms());
  }
  auto posted = post_message(call.services, conversation, call.author(), client_id, text,
                             claimed_attachments(call));
  outcome.result_json = std::move(posted.result_json);
  outcome.events.insert(outcome.events.end(), posted.events.begin(), posted.events.end());
  return outcome;
}

Outcome handle_agent_take(Call& call) {
  call.require_agent();
  const auto conversation = visible_conversation(call, "conversation_id");
  Outcome outcome;
  outcome.events = assign_conversation(call.services, conversation, call.principal(), now_ms());
  outcome.result = {{"conversation", conversation_json(*call.services.conversations.find(conversation.id))}};
  return outcome;
}

}  // namespace parley::server
