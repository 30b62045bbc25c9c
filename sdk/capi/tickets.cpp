// Tickets: the draft object, create, list, get, comment, the user's close/reopen/rating, the
// schema, and what the device keeps.
#include "capi/arguments.hpp"
#include "capi/cached_json.hpp"
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

// The key/value setters of a draft: custom fields and metadata (checked when the ticket is
// created, against the schema and the metadata rules).
parley_status set_entry(const char* function, parley_ticket_draft* draft,
                        parley::TicketValues parley::TicketDraft::*values, const char* key,
                        std::size_t key_len, const char* value, std::size_t value_len) noexcept {
  return guard(function, [&] {
    auto& d = deref(draft, "draft");
    const auto k = string_arg(key, key_len, "key");
    if (k.empty()) parley::capi::throw_invalid("key", "is empty");
    (d.draft.*values)[std::string(k)] = std::string(string_arg(value, value_len, "value"));
  });
}

// close / reopen: a ticket id in, a client id out.
template <typename Change>
parley_status change_ticket(const char* function, parley_client* client, const char* ticket_id,
                            std::size_t ticket_id_len, char* out_client_id, Change change) noexcept {
  return guard(function, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    parley::capi::copy_client_id(change(c.client, id), out_client_id);
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

PARLEY_API parley_status parley_ticket_draft_set_field(parley_ticket_draft* draft, const char* key,
                                                       size_t key_len, const char* value,
                                                       size_t value_len) noexcept {
  return set_entry(__func__, draft, &parley::TicketDraft::fields, key, key_len, value, value_len);
}

PARLEY_API parley_status parley_ticket_draft_set_metadata(parley_ticket_draft* draft,
                                                          const char* key, size_t key_len,
                                                          const char* value,
                                                          size_t value_len) noexcept {
  return set_entry(__func__, draft, &parley::TicketDraft::metadata, key, key_len, value,
                   value_len);
}

PARLEY_API parley_status parley_ticket_list_page(parley_client* client, parley_ticket_status status,
                                                 const char* category, size_t category_len,
                                                 const char* before_ticket_id,
                                                 size_t before_ticket_id_len, int32_t limit,
                                                 uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    parley::TicketQuery query;
    if (auto s = parley::capi::ticket_status_arg(status, /*allow_any=*/true); !s.empty()) {
      query.statuses.push_back(std::move(s));
    }
    query.category = std::string(string_arg(category, category_len, "category"));
    query.before_ticket_id =
        std::string(string_arg(before_ticket_id, before_ticket_id_len, "before_ticket_id"));
    query.limit = parley::capi::limit_arg(limit, 50, 100, "limit");
    c.client.list_tickets(query, tag);
  });
}

PARLEY_API parley_status parley_ticket_cached(parley_client* client, char** out_json,
                                              size_t* out_len) noexcept {
  return parley::capi::cached_json(__func__, client, out_json, out_len, [](parley::Client& c) {
    return parley::capi::tickets_to_json(c.cached_tickets());
  });
}

PARLEY_API parley_status parley_ticket_load_schema(parley_client* client, uint64_t tag) noexcept {
  return guard(__func__, [&] { deref(client, "client").client.load_ticket_schema(tag); });
}

PARLEY_API parley_status parley_ticket_cached_schema(parley_client* client, char** out_json,
                                                     size_t* out_len) noexcept {
  return parley::capi::cached_json(__func__, client, out_json, out_len, [](parley::Client& c) {
    return parley::capi::ticket_schema_to_json(c.cached_ticket_schema());
  });
}

PARLEY_API parley_status parley_ticket_close(parley_client* client, const char* ticket_id,
                                             size_t ticket_id_len, uint64_t tag,
                                             char* out_client_id) noexcept {
  return change_ticket(__func__, client, ticket_id, ticket_id_len, out_client_id,
                       [tag](parley::Client& c, std::string_view id) { return c.close_ticket(id, tag); });
}

PARLEY_API parley_status parley_ticket_reopen(parley_client* client, const char* ticket_id,
                                              size_t ticket_id_len, uint64_t tag,
                                              char* out_client_id) noexcept {
  return change_ticket(__func__, client, ticket_id, ticket_id_len, out_client_id,
                       [tag](parley::Client& c, std::string_view id) { return c.reopen_ticket(id, tag); });
}

PARLEY_API parley_status parley_ticket_rate(parley_client* client, const char* ticket_id,
                                            size_t ticket_id_len, int32_t score,
                                            const char* comment, size_t comment_len, uint64_t tag,
                                            char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    const auto text = string_arg(comment, comment_len, "comment");
    parley::capi::copy_client_id(c.client.rate_ticket(id, score, text, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_ticket_add_comment_with_attachments(
    parley_client* client, const char* ticket_id, size_t ticket_id_len, const char* text,
    size_t text_len, const char* const* ids, size_t count, uint64_t tag,
    char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    const auto comment = string_arg(text, text_len, "text");
    const auto attachment_ids = parley::capi::id_list_arg(ids, count, "ids");
    parley::capi::copy_client_id(c.client.add_comment(id, comment, attachment_ids, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_ticket_add_comment_with_files(
    parley_client* client, const char* ticket_id, size_t ticket_id_len, const char* text,
    size_t text_len, const char* const* paths, const char* const* content_types, size_t count,
    uint64_t tag, char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    const auto comment = string_arg(text, text_len, "text");
    const auto files = parley::capi::file_list_arg(paths, content_types, count);
    parley::capi::copy_client_id(c.client.add_comment_with_files(id, comment, files, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_ticket_draft_add_file(parley_ticket_draft* draft, const char* path,
                                                      size_t path_len, const char* content_type,
                                                      size_t content_type_len) noexcept {
  return guard(__func__, [&] {
    auto& d = deref(draft, "draft");
    const auto file = string_arg(path, path_len, "path");
    const auto type = string_arg(content_type, content_type_len, "content_type");
    if (file.empty()) parley::capi::throw_invalid("path", "is empty");
    d.draft.files.push_back(parley::LocalFile{std::string(file), std::string(type), {}});
  });
}

PARLEY_API parley_status parley_ticket_draft_add_attachment(parley_ticket_draft* draft,
                                                            const char* attachment_id,
                                                            size_t attachment_id_len) noexcept {
  return guard(__func__, [&] {
    auto& d = deref(draft, "draft");
    const auto id = string_arg(attachment_id, attachment_id_len, "attachment_id");
    if (id.empty()) parley::capi::throw_invalid("attachment_id", "is empty");
    d.draft.attachment_ids.emplace_back(id);
  });
}
