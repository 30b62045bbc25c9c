#include "protocol/frame.hpp"

#include "protocol/json_text.hpp"
#include "protocol/limits.hpp"
#include "protocol/utf8.hpp"

namespace parley::protocol {
namespace {

ErrorReply bad(std::optional<std::string> id, std::string message) {
  return ErrorReply{std::move(id), WireError{ErrorCode::bad_request, std::move(message)}};
}

// Parses one JSON object. The UTF-8 check comes first: nlohmann accepts some invalid input in
// strings only in lenient modes, and we want one clear message either way.
std::variant<Json, std::string> parse_object(std::string_view frame) {
  if (!is_valid_utf8(frame)) return std::string("frame is not valid UTF-8");
  Json doc = Json::parse(frame.begin(), frame.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::string("frame is not valid JSON");
  if (!doc.is_object()) return std::string("frame is not a JSON object");
  return doc;
}

const std::string* string_field(const Json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

}  // namespace

bool is_valid_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::variant<Request, ErrorReply> decode_request(std::string_view frame, std::size_t max_bytes) {
  if (frame.size() > max_bytes) {
    return ErrorReply{std::nullopt, WireError{ErrorCode::too_large,
                                              "frame of " + std::to_string(frame.size()) +
                                                  " bytes exceeds the limit of " +
                                                  std::to_string(max_bytes)}};
  }
  auto parsed = parse_object(frame);
  if (auto* why = std::get_if<std::string>(&parsed)) return bad(std::nullopt, *why);
  Json& doc = std::get<Json>(parsed);

  std::optional<std::string> id;
  if (const auto* s = string_field(doc, "id"); s && is_valid_id(*s)) id = *s;

  const auto* type = string_field(doc, "type");
  if (!type || *type != "req") return bad(id, "frame type must be \"req\"");
  if (!id) return bad(std::nullopt, "request id must be a string of 1-64 [A-Za-z0-9_.:-]");
  const auto* op = string_field(doc, "op");
  if (!op || op->empty()) return bad(id, "request needs a string \"op\"");

  Request req{*id, *op, Json::object()};
  if (auto it = doc.find("args"); it != doc.end() && !it->is_null()) {
    if (!it->is_object()) return bad(id, "\"args\" must be an object");
    req.args = std::move(*it);
  }
  return req;
}

std::variant<ServerFrame, WireError> decode_server_frame(std::string_view frame) {
  auto parsed = parse_object(frame);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    return WireError{ErrorCode::bad_request, *why};
  }
  Json& doc = std::get<Json>(parsed);
  const auto* type = string_field(doc, "type");
  if (!type) return WireError{ErrorCode::bad_request, "frame has no string \"type\""};

  if (*type == "event") {
    // An event without "seq" is ephemeral; a stored one counts from 1.
    auto seq = doc.find("seq");
    const auto* name = string_field(doc, "name");
    if (!name) return WireError{ErrorCode::bad_request, "event needs a string \"name\""};
    if (seq != doc.end() && (!seq->is_number_unsigned() || seq->get<std::uint64_t>() == 0)) {
      return WireError{ErrorCode::bad_request, "event \"seq\" must be an integer from 1"};
    }
    Event ev{seq == doc.end() ? 0 : seq->get<std::uint64_t>(), *name, Json::object()};
    if (auto d = doc.find("data"); d != doc.end() && d->is_object()) ev.data = std::move(*d);
    return ServerFrame{std::move(ev)};
  }
  if (*type == "res") {
    const auto* id = string_field(doc, "id");
    if (!id) return WireError{ErrorCode::bad_request, "res needs a string \"id\""};
    Reply rep{*id, Json::object()};
    if (auto r = doc.find("result"); r != doc.end() && r->is_object()) rep.result = std::move(*r);
    return ServerFrame{std::move(rep)};
  }
  if (*type == "err") {
    ErrorReply er;
    if (const auto* id = string_field(doc, "id")) er.id = *id;
    auto e = doc.find("error");
    if (e == doc.end() || !e->is_object()) {
      return WireError{ErrorCode::bad_request, "err needs an \"error\" object"};
    }
    if (const auto* code = string_field(*e, "code")) er.error.code = error_code_from_string(*code);
    if (const auto* msg = string_field(*e, "message")) er.error.message = *msg;
    return ServerFrame{std::move(er)};
  }
  return WireError{ErrorCode::bad_request, "unknown frame type \"" + *type + "\""};
}

std::string encode(const Request& request) {
  return Json{{"type", "req"}, {"id", request.id}, {"op", request.op}, {"args", request.args}}
      .dump();
}

// Reply and event frames are written out directly rather than built as a Json object first:
// that would copy the whole result, and these are the frames a busy server sends most. The
// keys are in the order Json::dump() gives them, so the bytes are the same either way.
std::string encode(const Reply& reply) { return encode_reply(reply.id, reply.result.dump()); }

std::string encode_reply(std::string_view id, std::string_view result_json) {
  std::string frame;
  frame.reserve(result_json.size() + id.size() + 40);
  frame += R"({"id":)";
  append_json_string(frame, id);
  frame += R"(,"result":)";
  frame += result_json;
  frame += R"(,"type":"res"})";
  return frame;
}

std::string encode(const ErrorReply& reply) {
  Json id = reply.id ? Json(*reply.id) : Json(nullptr);
  Json error{{"code", to_string(reply.error.code)}, {"message", reply.error.message}};
  // replace: a message cut from user input must not make dump() throw.
  return Json{{"type", "err"}, {"id", id}, {"error", error}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
}

std::string encode(const Event& event) { return encode_event(event.seq, event.name, event.data.dump()); }

std::string encode_event(std::uint64_t seq, std::string_view name, std::string_view data_json) {
  std::string frame;
  frame.reserve(data_json.size() + name.size() + 48);
  frame += R"({"data":)";
  frame += data_json;
  frame += R"(,"name":)";
  append_json_string(frame, name);
  if (seq != 0) {  // 0: ephemeral, sent without a seq
    frame += R"(,"seq":)";
    frame += std::to_string(seq);
  }
  frame += R"(,"type":"event"})";
  return frame;
}

}  // namespace parley::protocol
