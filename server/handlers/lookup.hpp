#pragma once
// Finding the object a request names, as the caller may see it: a user sees only their own
// conversations and tickets, and one that is someone else's is reported as not found, so that
// ids cannot be probed.
#include "handlers/call.hpp"

namespace parley::server {

ConversationRow visible_conversation(Call& call, const char* arg_key,
                                     LastMessage last = LastMessage::load);
// A message in a conversation the caller may see.
MessageRow visible_message(Call& call, const char* arg_key);
TicketRow visible_ticket(Call& call, const char* arg_key);

}  // namespace parley::server
