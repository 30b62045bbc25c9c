#pragma once
// The ticket.updated event of a changed ticket, for its user and every agent.
#include <cstdint>
#include <vector>

#include "handlers/call.hpp"

namespace parley::server {

std::vector<StoredEvent> ticket_updated(Call& call, const TicketRow& ticket, const char* change,
                                        std::int64_t now_ms);

}  // namespace parley::server
