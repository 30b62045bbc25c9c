#pragma once
// chat.edit and chat.delete: the author changes a message (docs/protocol.md, section 6).
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_chat_edit(Call& call);
Outcome handle_chat_delete(Call& call);

}  // namespace parley::server
