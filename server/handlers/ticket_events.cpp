#include "handlers/ticket_events.hpp"

#include "handlers/audience.hpp"
#include "handlers/views.hpp"

namespace parley::server {

std::vector<StoredEvent> ticket_updated(Call& call, const TicketRow& ticket, const char* change,
                                        std::int64_t now_ms) {
  return append_for_user_and_agents(call.services, ticket.user_id, "ticket.updated",
                                    {{"ticket", ticket_json(ticket)}, {"change", change}}, now_ms);
}

}  // namespace parley::server
