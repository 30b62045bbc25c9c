#include "handlers/ticket_ops.hpp"

#include <array>

#include "common/clock.hpp"
#include "handlers/audience.hpp"
#include "handlers/lookup.hpp"
#include "handlers/ticket_status.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::Json;

constexpr std::array<std::string_view, 4> kPriorities{"low", "normal", "high", "urgent"};

std::string priority_arg(const Json& args) {
  const auto value = protocol::text_arg(args, "priority", {16, false, false}).value_or("normal");
  for (auto p : kPriorities) {
    if (p == value) return value;
  }
  throw protocol::ArgError(ErrorCode::bad_request,
                           "\"priority\" must be one of low, normal, high, urgent");
}

std::string status_arg(const Json& args, bool required) {
  const auto value = protocol::text_arg(args, "status", {16, required, false});
  if (!value) return {};
  if (!is_ticket_status(*value)) {
    throw protocol::ArgError(ErrorCode::bad_request,
                             "\"status\" must be one of open, pending, solved, closed");
  }
  return *value;
}

std::vector<StoredEvent> ticket_updated(Call& call, const TicketRow& ticket, const char* change,
                                        std::int64_t now) {
  return append_for_user_and_agents(call.services, ticket.user_id, "ticket.updated",
                                    {{"ticket", ticket_json(ticket)}, {"change", change}}, now);
}

}  // namespace

Outcome handle_ticket_create(Call& call) {
  call.require_user();
  const auto& limits = call.services.settings.limits;
  NewTicket draft;
  draft.client_id = *protocol::id_arg(call.args, "client_id");
  draft.user_id = call.principal().id;
  draft.subject = *protocol::text_arg(call.args, "subject", {limits.max_subject_bytes, true, true});
  draft.description =
      protocol::text_arg(call.args, "description", {limits.max_text_bytes, false, false}).value_or("");
  draft.priority = priority_arg(call.args);
  draft.category =
      protocol::text_arg(call.args, "category", {limits.max_subject_bytes, false, false}).value_or("");
  auto& tickets = call.services.tickets;

  if (auto repeat = tickets.find_by_client_id(draft.user_id, draft.client_id)) {
    return reply_with({{"ticket", ticket_json(*repeat)}});
  }
  Outcome outcome;
  const std::int64_t now = now_ms();
  const auto ticket = tickets.create(draft, now);
  outcome.events = ticket_updated(call, ticket, "created", now);
  outcome.result = {{"ticket", ticket_json(ticket)}};
  return outcome;
}

Outcome handle_ticket_list(Call& call) {
  const std::string status = status_arg(call.args, false);
  const std::string user = call.is_agent() ? std::string() : call.principal().id;
  std::vector<std::string> statuses;
  if (!status.empty()) statuses.push_back(status);
  Json list = Json::array();
  for (const auto& t : call.services.tickets.list(user, statuses)) list.push_back(ticket_json(t));
  return reply_with({{"tickets", std::move(list)}});
}

Outcome handle_ticket_get(Call& call) {
  const auto ticket = visible_ticket(call, "ticket_id");
  Json comments = Json::array();
  for (const auto& c : call.services.tickets.comments(ticket.id)) comments.push_back(comment_json(c));
  return reply_with({{"ticket", ticket_json(ticket)}, {"comments", std::move(comments)}});
}

Outcome handle_ticket_comment(Call& call) {
  const auto& limits = call.services.settings.limits;
  const auto client_id = *protocol::id_arg(call.args, "client_id");
  const auto text = *protocol::text_arg(call.args, "text", {limits.max_text_bytes, true, true});
  const auto& me = call.principal();
  auto& tickets = call.services.tickets;

  if (auto repeat = tickets.find_comment(me.id, client_id)) {
    return reply_with({{"comment", comment_json(*repeat)}});
  }
  Outcome outcome;
  const auto ticket = visible_ticket(call, "ticket_id");
  const std::int64_t now = now_ms();
  const auto comment = tickets.add_comment(ticket.id, client_id, call.author(), text, now);
  outcome.events = append_for_user_and_agents(call.services, ticket.user_id, "ticket.comment",
                                              {{"comment", comment_json(comment)}}, now);
  outcome.result = {{"comment", comment_json(comment)}};
  return outcome;
}

Outcome handle_ticket_set_status(Call& call) {
  call.require_agent();
  const std::string status = status_arg(call.args, true);
  auto ticket = visible_ticket(call, "ticket_id");

  if (ticket.status == status) {  // already there: a resent request changes nothing
    return reply_with({{"ticket", ticket_json(ticket)}});
  }
  if (!is_allowed_transition(ticket.status, status)) {
    throw RequestError(ErrorCode::conflict,
                       "a ticket cannot go from " + ticket.status + " to " + status);
  }
  Outcome outcome;
  const std::int64_t now = now_ms();
  call.services.tickets.set_status(ticket.id, status, now);
  ticket.status = status;
  ticket.updated_at = now;
  outcome.events = ticket_updated(call, ticket, "status", now);
  outcome.result = {{"ticket", ticket_json(ticket)}};
  return outcome;
}

}  // namespace parley::server
