// Chat: send, edit, delete, cancel, retry, history, conversations, receipts, typing, and what
// the device keeps.
#include "capi/arguments.hpp"
#include "capi/cached_json.hpp"
#include "capi/event_json.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/strings.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

PARLEY_API parley_status parley_chat_send(parley_client* client, const char* text,
                                          size_t text_len, const char* conversation,
                                          size_t conversation_len, uint64_t tag,
                                          char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto message = string_arg(text, text_len, "text");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    parley::capi::copy_client_id(c.client.send_message(message, conversation_id, tag),
                                 out_client_id);
  });
}

PARLEY_API parley_status parley_chat_load_history(parley_client* client, const char* conversation,
                                                  size_t conversation_len, const char* before,
                                                  size_t before_len, int32_t limit,
                                                  uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const auto before_id = string_arg(before, before_len, "before");
    c.client.load_history(conversation_id, before_id,
                          parley::capi::limit_arg(limit, 50, 100, "limit"), tag);
  });
}

PARLEY_API parley_status parley_chat_list_conversations(parley_client* client,
                                                        uint64_t tag) noexcept {
  return guard(__func__, [&] { deref(client, "client").client.list_conversations(tag); });
}

namespace {

// cancel / retry answer with a code; anything but ok is this call's error.
void throw_unless_ok(parley::ErrorCode code, const char* what) {
  if (code == parley::ErrorCode::ok) return;
  throw parley::Exception(code, std::string(what) + ": " + parley::to_string(code));
}

}  // namespace

PARLEY_API parley_status parley_chat_cached_messages(parley_client* client,
                                                     const char* conversation,
                                                     size_t conversation_len, char** out_json,
                                                     size_t* out_len) noexcept {
  return parley::capi::cached_json(__func__, client, out_json, out_len, [&](parley::Client& c) {
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    return parley::capi::messages_to_json(c.cached_messages(conversation_id));
  });
}

PARLEY_API parley_status parley_chat_cached_conversations(parley_client* client, char** out_json,
                                                          size_t* out_len) noexcept {
  return parley::capi::cached_json(__func__, client, out_json, out_len, [](parley::Client& c) {
    return parley::capi::conversations_to_json(c.cached_conversations());
  });
}

PARLEY_API parley_status parley_chat_edit(parley_client* client, const char* message_id,
                                          size_t message_id_len, const char* text,
                                          size_t text_len, uint64_t tag,
                                          char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(message_id, message_id_len, "message_id");
    const auto new_text = string_arg(text, text_len, "text");
    parley::capi::copy_client_id(c.client.edit_message(id, new_text, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_chat_delete(parley_client* client, const char* message_id,
                                            size_t message_id_len, uint64_t tag,
                                            char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(message_id, message_id_len, "message_id");
    parley::capi::copy_client_id(c.client.delete_message(id, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_chat_cancel(parley_client* client, const char* client_id,
                                            size_t client_id_len) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(client_id, client_id_len, "client_id");
    throw_unless_ok(c.client.cancel_message(id), "cannot cancel");
  });
}

PARLEY_API parley_status parley_chat_retry(parley_client* client, const char* client_id,
                                           size_t client_id_len) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(client_id, client_id_len, "client_id");
    throw_unless_ok(c.client.retry_message(id), "cannot retry");
  });
}

PARLEY_API parley_status parley_chat_mark_read(parley_client* client, const char* conversation,
                                               size_t conversation_len, const char* message_id,
                                               size_t message_id_len) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const auto id = string_arg(message_id, message_id_len, "message_id");
    c.client.mark_read(conversation_id, id);
  });
}

PARLEY_API parley_status parley_chat_set_typing(parley_client* client, const char* conversation,
                                                size_t conversation_len, int typing) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    c.client.set_typing(conversation_id, typing != 0);
  });
}

PARLEY_API parley_status parley_chat_request_agent(parley_client* client, const char* conversation,
                                                   size_t conversation_len, uint64_t tag,
                                                   char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(conversation, conversation_len, "conversation");
    parley::capi::copy_client_id(c.client.request_agent(id, tag), out_client_id);
  });
}

PARLEY_API parley_status parley_chat_send_with_attachments(parley_client* client, const char* text,
                                                           size_t text_len, const char* conversation,
                                                           size_t conversation_len,
                                                           const char* const* ids, size_t count,
                                                           uint64_t tag, char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto message = string_arg(text, text_len, "text");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const auto attachment_ids = parley::capi::id_list_arg(ids, count, "ids");
    parley::capi::copy_client_id(c.client.send_message(message, conversation_id, attachment_ids, tag),
                                 out_client_id);
  });
}

PARLEY_API parley_status parley_chat_send_with_files(parley_client* client, const char* text,
                                                     size_t text_len, const char* conversation,
                                                     size_t conversation_len, const char* const* paths,
                                                     const char* const* content_types, size_t count,
                                                     uint64_t tag, char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto message = string_arg(text, text_len, "text");
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const auto files = parley::capi::file_list_arg(paths, content_types, count);
    parley::capi::copy_client_id(c.client.send_message_with_files(message, conversation_id, files, tag),
                                 out_client_id);
  });
}
