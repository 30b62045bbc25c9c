#pragma once
// Ticket statuses and the transitions between them:
//   open <-> pending, open/pending -> solved, solved -> closed, solved/closed -> open (reopen).
#include <string_view>

namespace parley::server {

bool is_ticket_status(std::string_view status) noexcept;
bool is_allowed_transition(std::string_view from, std::string_view to) noexcept;

}  // namespace parley::server
