#pragma once
// Ticket statuses and priorities, and the transitions between statuses:
//   open <-> pending, open/pending -> solved, open/pending/solved -> closed,
//   solved/closed -> open (reopen).
#include <string_view>

namespace parley::server {

bool is_ticket_status(std::string_view status) noexcept;
bool is_ticket_priority(std::string_view priority) noexcept;
bool is_allowed_transition(std::string_view from, std::string_view to) noexcept;

}  // namespace parley::server
