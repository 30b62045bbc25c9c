// Chat: send, history, conversations, cached messages.
#include "capi/arguments.hpp"
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

PARLEY_API parley_status parley_chat_cached_messages(parley_client* client,
                                                     const char* conversation,
                                                     size_t conversation_len, char** out_json,
                                                     size_t* out_len) noexcept {
  if (out_len != nullptr) *out_len = 0;
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    auto& result = deref(out_json, "out_json");
    result = nullptr;
    const auto conversation_id = string_arg(conversation, conversation_len, "conversation");
    const std::string json = parley::capi::serialize(
        parley::capi::messages_to_json(c.client.cached_messages(conversation_id)));
    result = parley::capi::caller_owned_copy(json);
    if (out_len != nullptr) *out_len = json.size();
  });
}
