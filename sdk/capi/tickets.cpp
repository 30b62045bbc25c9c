// Tickets: the draft object, create, list, get, comment.
#include "capi/arguments.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

namespace {

// All the string setters of a draft: the same checks, then one field of parley::TicketDraft.
parley_status set_string(const char* function, parley_ticket_draft* draft,
                         std::string parley::TicketDraft::*field, const char* data,
                         std::size_t length, const char* argument) noexcept {
  return guard(function, [&] {
    auto& d = deref(draft, "draft");
    d.draft.*field = std::string(string_arg(data, length, argument));
  });
}

}  // namespace

PARLEY_API parley_status parley_ticket_draft_new(parley_ticket_draft** out) noexcept {
  return guard(__func__, [&] {
    auto& result = deref(out, "out");
    result = nullptr;
    result = new parley_ticket_draft();
  });
}

PARLEY_API void parley_ticket_draft_free(parley_ticket_draft* draft) noexcept { delete draft; }

PARLEY_API parley_status parley_ticket_draft_set_subject(parley_ticket_draft* draft,
                                                         const char* subject,
                                                         size_t subject_len) noexcept {
  return set_string(__func__, draft, &parley::TicketDraft::subject, subject, subject_len,
                    "subject");
}

PARLEY_API parley_status parley_ticket_draft_set_description(parley_ticket_draft* draft,
                                                             const char* description,
                                                             size_t description_len) noexcept {
  return set_string(__func__, draft, &parley::TicketDraft::description, description,
                    description_len, "description");
}

PARLEY_API parley_status parley_ticket_draft_set_priority(
    parley_ticket_draft* draft, parley_ticket_priority priority) noexcept {
  return guard(__func__, [&] {
    auto& d = deref(draft, "draft");
    d.draft.priority = parley::capi::ticket_priority_arg(priority);
  });
}

PARLEY_API parley_status parley_ticket_draft_set_category(parley_ticket_draft* draft,
                                                          const char* category,
                                                          size_t category_len) noexcept {
  return set_string(__func__, draft, &parley::TicketDraft::category, category, category_len,
                    "category");
}

PARLEY_API parley_status parley_ticket_create(parley_client* client,
                                              const parley_ticket_draft* draft, uint64_t tag,
                                              char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto& d = deref(draft, "draft");
    parley::capi::copy_client_id(c.client.create_ticket(d.draft, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_ticket_list(parley_client* client, parley_ticket_status status,
                                            uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    c.client.list_tickets(parley::capi::ticket_status_arg(status, /*allow_any=*/true), tag);
  });
}

PARLEY_API parley_status parley_ticket_get(parley_client* client, const char* ticket_id,
                                           size_t ticket_id_len, uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    c.client.get_ticket(string_arg(ticket_id, ticket_id_len, "ticket_id"), tag);
  });
}

PARLEY_API parley_status parley_ticket_add_comment(parley_client* client, const char* ticket_id,
                                                   size_t ticket_id_len, const char* text,
                                                   size_t text_len, uint64_t tag,
                                                   char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    const auto comment = string_arg(text, text_len, "text");
    parley::capi::copy_client_id(c.client.add_comment(id, comment, tag), out_client_id);
  });
}
