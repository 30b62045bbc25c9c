// Agent operations (a client whose token has kind "agent").
#include "capi/arguments.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

PARLEY_API parley_status parley_agent_reply(parley_client* client, const char* conversation,
                                            size_t conversation_len, const char* text,
                                            size_t text_len, uint64_t tag,
                                            char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const auto message = string_arg(text, text_len, "text");
    parley::capi::copy_client_id(c.client.agent_reply(conversation_id, message, tag),
                                 out_client_id);
  });
}

PARLEY_API parley_status parley_agent_reply_with_files(parley_client* client, const char* conversation,
                                                       size_t conversation_len, const char* text,
                                                       size_t text_len, const char* const* paths,
                                                       const char* const* content_types, size_t count,
                                                       uint64_t tag, char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const auto message = string_arg(text, text_len, "text");
    const auto files = parley::capi::file_list_arg(paths, content_types, count);
    parley::capi::copy_client_id(c.client.agent_reply_with_files(conversation_id, message, files, tag),
                                 out_client_id);
  });
}

PARLEY_API parley_status parley_agent_set_ticket_status(parley_client* client,
                                                        const char* ticket_id,
                                                        size_t ticket_id_len,
                                                        parley_ticket_status status,
                                                        uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    c.client.set_ticket_status(id, parley::capi::ticket_status_arg(status, /*allow_any=*/false),
                               tag);
  });
}

PARLEY_API parley_status parley_agent_queue(parley_client* client, uint64_t tag) noexcept {
  return guard(__func__, [&] { deref(client, "client").client.agent_queue(tag); });
}

PARLEY_API parley_status parley_agent_take(parley_client* client, const char* conversation,
                                           size_t conversation_len, uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    c.client.agent_take(string_arg(conversation, conversation_len, "conversation"), tag);
  });
}

PARLEY_API parley_status parley_agent_set_ticket_priority(parley_client* client,
                                                          const char* ticket_id,
                                                          size_t ticket_id_len,
                                                          parley_ticket_priority priority,
                                                          uint64_t tag,
                                                          char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    const auto value = parley::capi::ticket_priority_arg(priority);
    parley::capi::copy_client_id(c.client.set_ticket_priority(id, value, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_agent_take_ticket(parley_client* client, const char* ticket_id,
                                                  size_t ticket_id_len, uint64_t tag,
                                                  char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(ticket_id, ticket_id_len, "ticket_id");
    parley::capi::copy_client_id(c.client.take_ticket(id, tag), out_client_id);
  });
}
