#pragma once
// What happens to a ticket after it was created: its status (agents move it; its user closes
// and reopens it), the user's rating once solved, an agent's priority and taking it. Each is
// idempotent — asking for the state a ticket is already in succeeds and sends no event — so
// the SDK can carry them in its outbox and resend them safely.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_ticket_set_status(Call& call);    // agents
Outcome handle_ticket_close(Call& call);         // the ticket's user
Outcome handle_ticket_reopen(Call& call);        // the ticket's user
Outcome handle_ticket_rate(Call& call);          // the ticket's user, once solved
Outcome handle_ticket_set_priority(Call& call);  // agents
Outcome handle_ticket_take(Call& call);          // agents

}  // namespace parley::server
