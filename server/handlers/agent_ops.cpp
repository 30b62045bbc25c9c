#include "handlers/agent_ops.hpp"

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
  for (const auto& t : call.services.tickets.list("", {"open", "pending"})) {
    tickets.push_back(ticket_json(t));
  }
  return reply_with({{"conversations", std::move(conversations)}, {"tickets", std::move(tickets)}});
}

Outcome handle_agent_reply(Call& call) {
  call.require_agent();
  const auto client_id = *protocol::id_arg(call.args, "client_id");
  const auto text = *protocol::text_arg(
      call.args, "text", {call.services.settings.limits.max_text_bytes, true, true});
  const auto& me = call.principal();

  if (auto repeat = call.services.conversations.find_message(me.id, client_id)) {
    return reply_with({{"message", message_json(*repeat)}});
  }
  Outcome outcome;
  const auto conversation = visible_conversation(call, "conversation_id");
  sqlite::Transaction tx(call.services.db);
  auto posted = post_message(call.services, conversation, call.author(), client_id, text);
  tx.commit();
  outcome.result = {{"message", message_json(posted.message)}};
  outcome.events = std::move(posted.events);
  return outcome;
}

}  // namespace parley::server
