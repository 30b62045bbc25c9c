#pragma once
// The protocol's value objects (docs/protocol.md, section 6) read into the public types, and
// the wire's error codes mapped to the public ones. A field of the wrong type throws
// WireValueError; absent optional fields take their empty values (forward compatibility).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "protocol/error_code.hpp"
#include "protocol/frame.hpp"
#include "protocol/limits.hpp"

namespace parley::client {

class WireValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using protocol::Json;

// The member `key` of `object`, which must be a JSON object (throws otherwise).
const Json& member(const Json& object, const char* key);
std::string string_field(const Json& object, const char* key);       // "" if absent or null
std::int64_t integer_field(const Json& object, const char* key);     // 0 if absent or null
bool bool_field(const Json& object, const char* key);                // false if absent or null

Author parse_author(const Json& json);
Message parse_message(const Json& json);
Receipt parse_receipt(const Json& json);  // null = no receipt yet
Conversation parse_conversation(const Json& json);
Ticket parse_ticket(const Json& json);
Attachment parse_attachment(const Json& json);
Comment parse_comment(const Json& json);
Article parse_article(const Json& json);
ArticleFeedback parse_feedback(const Json& json);

// The result of a successful hello (docs/protocol.md, section 2).
struct Welcome {
  Author principal;
  std::int64_t heartbeat_ms = protocol::kDefaultHeartbeatMs;
  protocol::Limits limits;
  std::int64_t latest_seq = 0;
  std::string server_id;  // "" from a server that does not say
  bool resync = false;
  std::int64_t max_attachment_bytes = 0;     // 0: not announced
  std::vector<std::string> attachment_types;  // empty: not announced
};
Welcome parse_welcome(const Json& result);

// Every element of the array member `key` (absent = none), read with `parse`.
template <typename T>
std::vector<T> parse_list(const Json& object, const char* key, T (*parse)(const Json&)) {
  std::vector<T> out;
  const Json& list = member(object, key);
  if (list.is_null()) return out;
  if (!list.is_array()) throw WireValueError(std::string("\"") + key + "\" must be an array");
  out.reserve(list.size());
  for (const auto& item : list) out.push_back(parse(item));
  return out;
}

ErrorCode to_public(protocol::ErrorCode code) noexcept;
Error to_public(const protocol::WireError& error);

}  // namespace parley::client
