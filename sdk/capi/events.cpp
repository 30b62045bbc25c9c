// Events: parley_poll_event and the readers of a polled event.
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>

#include "capi/arguments.hpp"
#include "capi/enums.hpp"
#include "capi/event_json.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::guard_value;

namespace {

using Json = nlohmann::ordered_json;

// The field of the event's JSON that `pointer` (RFC 6901) addresses.
const Json& field(const parley_event& ev, const char* pointer, std::size_t pointer_len) {
  const std::string text(parley::capi::string_arg(pointer, pointer_len, "pointer"));
  std::optional<Json::json_pointer> parsed;
  try {
    parsed.emplace(text);
  } catch (const Json::exception&) {
    parley::capi::throw_invalid("pointer", "is not a JSON Pointer (\"\" or \"/a/0/b\")");
  }
  try {
    return ev.document.at(*parsed);
  } catch (const Json::exception&) {
    // Out of range, no such member, or a non-numeric index into an array: nothing there.
  }
  throw parley::Exception(parley::ErrorCode::not_found, "no field at \"" + text + "\"");
}

[[noreturn]] void throw_wrong_type(const char* pointer, std::size_t pointer_len,
                                   const char* expected) {
  throw parley::Exception(parley::ErrorCode::not_found, "the field at \"" +
                                                            std::string(pointer, pointer_len) +
                                                            "\" is not " + expected);
}

}  // namespace

PARLEY_API parley_status parley_poll_event(parley_client* client, int32_t timeout_ms,
                                           const parley_event** out) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    c.current.reset();  // the previous event's borrow ends with any poll
    auto& result = deref(out, "out");
    result = nullptr;
    if (timeout_ms < 0) parley::capi::throw_invalid("timeout_ms", "must not be negative");
    if (!c.undelivered) c.undelivered = c.client.poll_event(std::chrono::milliseconds(timeout_ms));
    if (!c.undelivered) return;
    // Build everything that can fail first; the event leaves `undelivered` only once it can.
    Json document = parley::capi::event_to_json(*c.undelivered);
    std::string json = parley::capi::serialize(document);
    auto ev = std::make_unique<parley_event>();
    ev->event = std::move(*c.undelivered);
    ev->document = std::move(document);
    ev->json = std::move(json);
    c.undelivered.reset();
    c.current = std::move(ev);
    result = c.current.get();
  });
}

PARLEY_API const char* parley_event_type_name(parley_event_kind type) noexcept {
  const char* name = parley::capi::kind_name(parley::capi::raw_value(type));
  return name != nullptr ? name : "unknown";
}

PARLEY_API parley_event_kind parley_event_type(const parley_event* ev) noexcept {
  return guard_value(__func__, PARLEY_EVENT_NONE,
                     [&] { return parley::capi::kind_of(deref(ev, "ev").event.type); });
}

PARLEY_API uint64_t parley_event_tag(const parley_event* ev) noexcept {
  return guard_value(__func__, std::uint64_t{0}, [&] { return deref(ev, "ev").event.tag; });
}

PARLEY_API parley_status parley_event_status(const parley_event* ev) noexcept {
  return guard_value(__func__, PARLEY_E_INVALID_ARGUMENT, [&] {
    return parley::capi::status_of(deref(ev, "ev").event.error.code);
  });
}

PARLEY_API const char* parley_event_error_message(const parley_event* ev) noexcept {
  return guard_value(__func__, "", [&] { return deref(ev, "ev").event.error.message.c_str(); });
}

PARLEY_API parley_connection_state parley_event_connection_state(const parley_event* ev) noexcept {
  return guard_value(__func__, PARLEY_CONNECTION_DISCONNECTED, [&] {
    const auto& e = deref(ev, "ev").event;
    return e.type == parley::EventType::connection_changed
               ? parley::capi::connection_of(e.connection)
               : PARLEY_CONNECTION_DISCONNECTED;
  });
}

PARLEY_API const char* parley_event_json(const parley_event* ev, size_t* out_len) noexcept {
  if (out_len != nullptr) *out_len = 0;
  return guard_value(__func__, "", [&] {
    const auto& e = deref(ev, "ev");
    if (out_len != nullptr) *out_len = e.json.size();
    return e.json.c_str();
  });
}

PARLEY_API parley_status parley_event_get_string(const parley_event* ev, const char* pointer,
                                                 size_t pointer_len, const char** out,
                                                 size_t* out_len) noexcept {
  if (out_len != nullptr) *out_len = 0;
  return guard(__func__, [&] {
    const auto& e = deref(ev, "ev");
    auto& result = deref(out, "out");
    result = nullptr;
    const Json& value = field(e, pointer, pointer_len);
    if (!value.is_string()) throw_wrong_type(pointer, pointer_len, "a string");
    const auto& text = value.get_ref<const std::string&>();
    result = text.c_str();
    if (out_len != nullptr) *out_len = text.size();
  });
}

PARLEY_API parley_status parley_event_get_int(const parley_event* ev, const char* pointer,
                                              size_t pointer_len, int64_t* out) noexcept {
  return guard(__func__, [&] {
    const auto& e = deref(ev, "ev");
    auto& result = deref(out, "out");
    const Json& value = field(e, pointer, pointer_len);
    if (value.is_boolean()) {
      result = value.get<bool>() ? 1 : 0;
    } else if (value.is_number_unsigned() &&
               value.get<std::uint64_t>() <=
                   static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      result = static_cast<std::int64_t>(value.get<std::uint64_t>());
    } else if (value.is_number_integer() && !value.is_number_unsigned()) {
      result = value.get<std::int64_t>();
    } else {
      throw_wrong_type(pointer, pointer_len, "an integer that fits int64_t");
    }
  });
}

PARLEY_API parley_status parley_event_get_size(const parley_event* ev, const char* pointer,
                                               size_t pointer_len, size_t* out) noexcept {
  return guard(__func__, [&] {
    const auto& e = deref(ev, "ev");
    auto& result = deref(out, "out");
    const Json& value = field(e, pointer, pointer_len);
    if (!value.is_array() && !value.is_object()) {
      throw_wrong_type(pointer, pointer_len, "an array or an object");
    }
    result = value.size();
  });
}
