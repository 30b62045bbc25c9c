#pragma once
// chat.send, chat.history, chat.conversations, chat.handoff (the user asks for a person).
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_chat_send(Call& call);
Outcome handle_chat_history(Call& call);
Outcome handle_chat_conversations(Call& call);
Outcome handle_chat_handoff(Call& call);

}  // namespace parley::server
