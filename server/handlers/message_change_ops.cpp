#include "handlers/message_change_ops.hpp"

#include "common/clock.hpp"
#include "handlers/audience.hpp"
#include "handlers/lookup.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;

enum class Change { edit, remove };

// The one shape of both changes: dedup by client_id, visibility, authorship, then the change
// and its event in one transaction.
Outcome change_message(Call& call, Change change) {
  const auto client_id = *protocol::id_arg(call.args, "client_id");
  std::string text;
  if (change == Change::edit) {
    text = *protocol::text_arg(call.args, "text",
                               {call.services.settings.limits.max_text_bytes, true, true});
  }
  auto& conversations = call.services.conversations;
  const auto& me = call.principal();

  if (const auto done = conversations.changed_message(me.id, client_id)) {
    // A resent change: answered with the message as it is now, nothing repeated.
    return reply_with({{"message", message_json(*conversations.find_message(*done))}});
  }
  MessageRow message = visible_message(call, "message_id");
  const Author author = call.author();
  if (message.author.id != author.id || message.author.kind != author.kind) {
    throw RequestError(ErrorCode::forbidden, "only the author may change a message");
  }
  if (change == Change::edit && message.deleted) {
    throw RequestError(ErrorCode::conflict, "the message was deleted");
  }

  Outcome outcome;
  const std::int64_t now = now_ms();
  const bool changes = change == Change::edit ? message.text != text : !message.deleted;
  if (changes) {
    if (change == Change::edit) {
      conversations.edit_message(message.id, text, now);
    } else {
      conversations.delete_message(message.id);
    }
    message = *conversations.find_message(message.id);
    const auto conversation = conversations.find(message.conversation_id);
    outcome.events = append_for_user_and_agents(
        call.services, conversation->user_id, "message.updated",
        {{"message", message_json(message)},
         {"change", change == Change::edit ? "edited" : "deleted"}},
        now);
  }
  conversations.record_change(me.id, client_id, message.id);
  outcome.result = {{"message", message_json(message)}};
  return outcome;
}

}  // namespace

Outcome handle_chat_edit(Call& call) { return change_message(call, Change::edit); }

Outcome handle_chat_delete(Call& call) { return change_message(call, Change::remove); }

}  // namespace parley::server
