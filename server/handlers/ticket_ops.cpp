#include "handlers/ticket_ops.hpp"

#include "common/clock.hpp"
#include "handlers/attachment_claims.hpp"
#include "handlers/audience.hpp"
#include "handlers/lookup.hpp"
#include "handlers/ticket_args.hpp"
#include "handlers/ticket_events.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"
#include "protocol/ticket_schema.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::Json;

constexpr std::uint64_t kDefaultPage = 50;
constexpr std::uint64_t kMaxPage = 100;

NewTicket draft_from(Call& call) {
  const auto& limits = call.services.settings.limits;
  NewTicket draft;
  draft.client_id = *protocol::id_arg(call.args, "client_id");
  draft.user_id = call.principal().id;
  draft.subject = *protocol::text_arg(call.args, "subject", {limits.max_subject_bytes, true, true});
  draft.description =
      protocol::text_arg(call.args, "description", {limits.max_text_bytes, false, false}).value_or("");
  draft.priority = priority_arg(call.args, "normal");
  draft.category =
      protocol::text_arg(call.args, "category", {limits.max_subject_bytes, false, false}).value_or("");
  draft.fields = protocol::string_map_arg(call.args, "fields");
  draft.metadata = protocol::string_map_arg(call.args, "metadata");
  return draft;
}

std::int64_t before_arg(const Json& args) {
  const auto id = protocol::id_arg(args, "before", /*required=*/false);
  if (!id) return 0;
  const auto row_id = parse_id(kTicketId, *id);
  if (!row_id) throw protocol::ArgError(ErrorCode::bad_request, "\"before\" must be a ticket id");
  return *row_id;
}

}  // namespace

Outcome handle_ticket_schema(Call& call) {
  return reply_with({{"schema", protocol::ticket_schema_json(call.services.settings.ticket_schema)}});
}

Outcome handle_ticket_create(Call& call) {
  call.require_user();
  const NewTicket draft = draft_from(call);
  auto& tickets = call.services.tickets;
  // A resent create is answered with the ticket it made, even if the schema changed since.
  if (auto repeat = tickets.find_by_client_id(draft.user_id, draft.client_id)) {
    return reply_with({{"ticket", ticket_json(*repeat)}});
  }
  const auto& settings = call.services.settings;
  protocol::check_ticket_category(settings.ticket_schema, draft.category);
  protocol::check_ticket_fields(settings.ticket_schema, draft.fields, settings.limits.max_text_bytes);
  protocol::check_ticket_metadata(draft.metadata);

  auto attachments = claimed_attachments(call);
  Outcome outcome;
  const std::int64_t now = now_ms();
  auto ticket = tickets.create(draft, now);
  link_to_ticket(call.services, attachments, ticket.id);
  ticket.attachments = std::move(attachments);
  outcome.events = ticket_updated(call, ticket, "created", now);
  outcome.result = {{"ticket", ticket_json(ticket)}};
  return outcome;
}

Outcome handle_ticket_list(Call& call) {
  const auto& limits = call.services.settings.limits;
  TicketFilter filter;
  filter.statuses = statuses_arg(call.args);
  filter.category =
      protocol::text_arg(call.args, "category", {limits.max_subject_bytes, false, false}).value_or("");
  filter.before_id = before_arg(call.args);
  const auto page = protocol::uint_arg(call.args, "limit", kDefaultPage, 1, kMaxPage);
  // A user sees only their own tickets, whatever user_id says; an agent may pick one user's.
  const auto user_id = protocol::text_arg(call.args, "user_id", {protocol::kMaxClientInfoBytes, false, false});
  filter.user_id = call.is_agent() ? user_id.value_or("") : call.principal().id;
  filter.limit = page + 1;  // one more says whether there is a next page

  auto rows = call.services.tickets.list(filter);
  const bool has_more = rows.size() > page;
  if (has_more) rows.pop_back();
  Json list = Json::array();
  for (const auto& t : rows) list.push_back(ticket_json(t));
  return reply_with({{"tickets", std::move(list)}, {"has_more", has_more}});
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
  auto ticket = visible_ticket(call, "ticket_id");
  if (ticket.status == "closed") {
    throw RequestError(ErrorCode::conflict, "the ticket is closed; reopen it to comment");
  }
  Outcome outcome;
  const std::int64_t now = now_ms();
  auto attachments = claimed_attachments(call);
  auto comment = tickets.add_comment(ticket.id, client_id, call.author(), text, now);
  link_to_comment(call.services, attachments, comment.id);
  comment.attachments = std::move(attachments);
  // The user answering a solved ticket means it is not solved after all (as help desks do).
  if (!call.is_agent() && ticket.status == "solved") {
    tickets.set_status(ticket.id, "open", now);
    ticket.status = "open";
    ticket.updated_at = now;
    outcome.events = ticket_updated(call, ticket, "status", now);
  }
  auto comment_events = append_for_user_and_agents(call.services, ticket.user_id, "ticket.comment",
                                                   {{"comment", comment_json(comment)}}, now);
  outcome.events.insert(outcome.events.end(), comment_events.begin(), comment_events.end());
  outcome.result = {{"comment", comment_json(comment)}};
  return outcome;
}

}  // namespace parley::server
