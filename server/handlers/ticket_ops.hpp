#pragma once
// Tickets (docs/protocol.md, "Tickets"): creating, reading and commenting here; the changes of
// a ticket's state after it was created are in ticket_change_ops.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_ticket_schema(Call& call);
Outcome handle_ticket_create(Call& call);
Outcome handle_ticket_list(Call& call);
Outcome handle_ticket_get(Call& call);
Outcome handle_ticket_comment(Call& call);

}  // namespace parley::server
