#pragma once
// Frames of wire protocol v1 (docs/protocol.md, section 1) and their codec. Shared by the SDK
// and the server; neither side builds or parses frame JSON anywhere else.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/error_code.hpp"

namespace parley::protocol {

using Json = nlohmann::json;

struct Request {  // {"type":"req","id":…,"op":…,"args":{…}}
  std::string id;
  std::string op;
  Json args = Json::object();
};

struct Reply {  // {"type":"res","id":…,"result":{…}}
  std::string id;
  Json result = Json::object();
};

struct ErrorReply {  // {"type":"err","id":…|null,"error":{"code":…,"message":…}}
  std::optional<std::string> id;
  WireError error;
};

struct Event {  // {"type":"event","seq":N,"name":…,"data":{…}}
  std::uint64_t seq = 0;  // 0: an ephemeral event, sent without "seq" (never stored or replayed)
  bool ephemeral() const noexcept { return seq == 0; }
  std::string name;
  Json data = Json::object();
};

using ServerFrame = std::variant<Reply, ErrorReply, Event>;

// Decodes a client frame. On failure the ErrorReply carries the request id whenever one could
// be read, so that the client still gets its one reply. max_bytes bounds the frame size.
std::variant<Request, ErrorReply> decode_request(std::string_view frame, std::size_t max_bytes);

// Decodes a server frame; on failure returns the reason (code bad_request).
std::variant<ServerFrame, WireError> decode_server_frame(std::string_view frame);

std::string encode(const Request& request);
std::string encode(const Reply& reply);
// A reply whose result is JSON text already (a server's, shared with the event it caused).
std::string encode_reply(std::string_view id, std::string_view result_json);
std::string encode(const ErrorReply& reply);
std::string encode(const Event& event);
// The frame encode(Event{seq, name, data}) makes, byte for byte, for data already encoded as
// JSON text (as Json::dump() writes it): a server keeps an event's data as text and sends it to
// every recipient without decoding and encoding it again.
std::string encode_event(std::uint64_t seq, std::string_view name, std::string_view data_json);

// True if `id` is a valid request id or client_id: 1–64 bytes of [A-Za-z0-9_.:-].
bool is_valid_id(std::string_view id) noexcept;

}  // namespace parley::protocol
