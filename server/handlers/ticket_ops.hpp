#pragma once
// ticket.create, ticket.list, ticket.get, ticket.comment, ticket.set_status.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_ticket_create(Call& call);
Outcome handle_ticket_list(Call& call);
Outcome handle_ticket_get(Call& call);
Outcome handle_ticket_comment(Call& call);
Outcome handle_ticket_set_status(Call& call);

}  // namespace parley::server
