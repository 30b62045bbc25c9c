#pragma once
// chat.typing: an ephemeral "is typing" for the other side of a conversation.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_chat_typing(Call& call);

}  // namespace parley::server
