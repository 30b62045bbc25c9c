#pragma once
// chat.receipt: a side of a conversation has received or read the other's messages up to one.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_chat_receipt(Call& call);

}  // namespace parley::server
