#include "handlers/ticket_change_ops.hpp"

#include "common/clock.hpp"
#include "handlers/lookup.hpp"
#include "handlers/ticket_args.hpp"
#include "handlers/ticket_events.hpp"
#include "handlers/ticket_status.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;

Outcome unchanged(const TicketRow& ticket) { return reply_with({{"ticket", ticket_json(ticket)}}); }

// The reply and the ticket.updated event of a ticket just changed.
Outcome changed(Call& call, TicketRow& ticket, const char* change, std::int64_t now) {
  ticket.updated_at = now;
  Outcome outcome;
  outcome.events = ticket_updated(call, ticket, change, now);
  outcome.result = {{"ticket", ticket_json(ticket)}};
  return outcome;
}

Outcome move_to(Call& call, TicketRow ticket, const std::string& status) {
  if (ticket.status == status) return unchanged(ticket);  // a resent request changes nothing
  if (!is_allowed_transition(ticket.status, status)) {
    throw RequestError(ErrorCode::conflict,
                       "a ticket cannot go from " + ticket.status + " to " + status);
  }
  const std::int64_t now = now_ms();
  call.services.tickets.set_status(ticket.id, status, now);
  ticket.status = status;
  return changed(call, ticket, "status", now);
}

int score_arg(const protocol::Json& args) {
  if (!args.contains("score")) throw protocol::ArgError(ErrorCode::bad_request, "\"score\" is required");
  return static_cast<int>(protocol::uint_arg(args, "score", 0, 1, 5));
}

}  // namespace

Outcome handle_ticket_set_status(Call& call) {
  call.require_agent();
  const std::string status = status_arg(call.args, true);
  return move_to(call, visible_ticket(call, "ticket_id"), status);
}

Outcome handle_ticket_close(Call& call) {
  call.require_user();
  return move_to(call, visible_ticket(call, "ticket_id"), "closed");
}

Outcome handle_ticket_reopen(Call& call) {
  call.require_user();
  auto ticket = visible_ticket(call, "ticket_id");
  if (ticket.status == "open" || ticket.status == "pending") return unchanged(ticket);
  return move_to(call, std::move(ticket), "open");
}

Outcome handle_ticket_rate(Call& call) {
  call.require_user();
  const int score = score_arg(call.args);
  const auto comment =
      protocol::text_arg(call.args, "comment", {call.services.settings.limits.max_text_bytes, false, false})
          .value_or("");
  auto ticket = visible_ticket(call, "ticket_id");
  if (ticket.status != "solved" && ticket.status != "closed") {
    throw RequestError(ErrorCode::conflict, "a ticket can be rated once it is solved");
  }
  if (ticket.rating == score && ticket.rating_comment == comment) return unchanged(ticket);
  const std::int64_t now = now_ms();
  call.services.tickets.rate(ticket.id, score, comment, now);
  ticket.rating = score;
  ticket.rating_comment = comment;
  ticket.rated_at = now;
  return changed(call, ticket, "rated", now);
}

Outcome handle_ticket_set_priority(Call& call) {
  call.require_agent();
  const std::string priority = priority_arg(call.args, nullptr);
  auto ticket = visible_ticket(call, "ticket_id");
  if (ticket.priority == priority) return unchanged(ticket);
  const std::int64_t now = now_ms();
  call.services.tickets.set_priority(ticket.id, priority, now);
  ticket.priority = priority;
  return changed(call, ticket, "priority", now);
}

Outcome handle_ticket_take(Call& call) {
  call.require_agent();
  auto ticket = visible_ticket(call, "ticket_id");
  const auto& me = call.principal();
  if (ticket.assignee && ticket.assignee->id == me.id) return unchanged(ticket);
  const std::int64_t now = now_ms();
  call.services.tickets.assign(ticket.id, me.id, now);
  ticket.assignee = Author{"agent", me.id, me.name};
  return changed(call, ticket, "assigned", now);
}

}  // namespace parley::server
