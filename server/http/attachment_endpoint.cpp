#include "http/attachment_endpoint.hpp"

#include <limits>

#include "attachments/attachment_rules.hpp"
#include "common/clock.hpp"
#include "handlers/authenticate.hpp"
#include "handlers/request_error.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"
#include "protocol/utf8.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::Json;

constexpr std::size_t kMaxNameBytes = 255;
constexpr std::string_view kPrefix = "/v1/attachments";

[[noreturn]] void not_found(std::string_view id) {
  throw RequestError(ErrorCode::not_found, "attachment \"" + std::string(id) + "\" not found");
}

HttpResponse with_attachment(int status, const AttachmentRow& a) {
  return json_response(status, {{"attachment", attachment_json(a)}});
}

// A file name as people write them, with nothing that could act as a path or a header.
std::string name_arg(const Json& args) {
  auto name = *protocol::text_arg(args, "name", {kMaxNameBytes, true, true});
  for (const unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') {
      throw RequestError(ErrorCode::bad_request, "\"name\" must not hold control characters, slashes or quotes");
    }
  }
  return name;
}

// RFC 8187 encoding of a UTF-8 file name for Content-Disposition.
std::string disposition(const AttachmentRow& a) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const unsigned char c : a.name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  const bool inline_image = a.content_type.starts_with("image/");
  return std::string(inline_image ? "inline" : "attachment") + "; filename*=UTF-8''" + encoded;
}

}  // namespace

bool may_read_attachment(Services& services, const Principal& caller, const AttachmentRow& a) {
  if (a.owner_id == caller.id) return true;
  if (!a.linked()) return false;
  if (caller.kind == PrincipalKind::agent) return true;
  if (a.message_id != 0) {
    const auto message = services.conversations.find_message(a.message_id);
    const auto conversation = message ? services.conversations.find(message->conversation_id, LastMessage::skip)
                                      : std::nullopt;
    return conversation && conversation->user_id == caller.id;
  }
  std::int64_t ticket_id = a.ticket_id;
  if (ticket_id == 0) {
    const auto comment = services.tickets.comment(a.comment_id);
    ticket_id = comment ? comment->ticket_id : 0;
  }
  const auto ticket = ticket_id != 0 ? services.tickets.find(ticket_id) : std::nullopt;
  return ticket && ticket->user_id == caller.id;
}

HttpResponse AttachmentEndpoint::serve(const HttpRequest& request) {
  const Principal caller = authenticate(services_, request.bearer_token());
  std::string_view rest = std::string_view(request.path).substr(kPrefix.size());
  if (rest.empty()) {
    if (request.method != "POST") throw RequestError(ErrorCode::bad_request, "use POST to start an upload");
    return create(caller, request);
  }
  if (!rest.starts_with("/")) not_found(rest);
  rest.remove_prefix(1);
  const bool status = rest.ends_with("/status");
  if (status) rest.remove_suffix(std::string_view("/status").size());
  const auto id = parse_id(kAttachmentId, rest);
  const auto attachment = id ? services_.attachments.find(*id) : std::nullopt;
  if (!attachment || !may_read_attachment(services_, caller, *attachment)) not_found(rest);

  if (status) return with_attachment(200, *attachment);
  if (request.method == "PUT") return upload(caller, *attachment, request);
  if (request.method == "GET" || request.method == "HEAD") return download(*attachment, request);
  throw RequestError(ErrorCode::bad_request, "use GET, or PUT to upload");
}

HttpResponse AttachmentEndpoint::create(const Principal& caller, const HttpRequest& request) {
  const auto args = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!args.is_object()) throw RequestError(ErrorCode::bad_request, "the body must be a JSON object");
  const std::string name = name_arg(args);
  const auto content_type = *protocol::text_arg(args, "content_type", {64, true, true});
  if (!is_attachment_type(content_type)) {
    throw RequestError(ErrorCode::bad_request, "\"" + content_type + "\" files cannot be attached");
  }
  const auto size = protocol::uint_arg(args, "size", 0, 1, std::numeric_limits<std::int64_t>::max());
  if (!args.contains("size")) throw RequestError(ErrorCode::bad_request, "\"size\" is required");
  const auto max = services_.settings.max_attachment_bytes;
  if (size > static_cast<std::uint64_t>(max)) {
    throw RequestError(ErrorCode::too_large, "attachments are at most " + std::to_string(max) + " bytes");
  }
  const std::int64_t now = now_ms();
  remove_abandoned(now);
  const auto row = services_.attachments.create(caller.id, name, content_type,
                                                static_cast<std::int64_t>(size), now);
  auto response = with_attachment(201, row);
  response.headers.emplace_back("location", std::string(kPrefix) + "/" + format_id(kAttachmentId, row.id));
  return response;
}

void AttachmentEndpoint::remove_abandoned(std::int64_t now) {
  // A few at a time, as new uploads start: the work stays small and in step with the uploads
  // that leave such files behind.
  constexpr std::size_t kPerUpload = 16;
  for (const auto id : services_.attachments.unlinked_before(now - kUnattachedLifetimeMs, kPerUpload)) {
    services_.attachments.remove(id);
    services_.files.remove(id);
  }
}

HttpResponse AttachmentEndpoint::upload(const Principal& caller, const AttachmentRow& attachment,
                                        const HttpRequest& request) {
  if (attachment.owner_id != caller.id) {
    throw RequestError(ErrorCode::forbidden, "only the uploader may upload an attachment");
  }
  if (attachment.complete()) return with_attachment(200, attachment);  // a resent last piece
  const auto offset_text = request.query_value("offset");
  std::int64_t offset = -1;
  if (offset_text && !offset_text->empty() && offset_text->size() < 19 &&
      offset_text->find_first_not_of("0123456789") == std::string::npos) {
    offset = std::stoll(*offset_text);
  }
  if (offset < 0) throw RequestError(ErrorCode::bad_request, "\"offset\" must be a whole number");
  if (offset != attachment.received) {
    // Not where the upload stands (a piece lost or repeated): the client resumes from here.
    auto response = with_attachment(409, attachment);
    response.body = Json{{"error", {{"code", "conflict"},
                                    {"message", "the upload continues at offset " +
                                                    std::to_string(attachment.received)}}},
                         {"attachment", attachment_json(attachment)}}
                        .dump();
    return response;
  }
  const auto length = static_cast<std::int64_t>(request.body.size());
  if (length == 0 || offset + length > attachment.size) {
    throw RequestError(ErrorCode::bad_request, "a piece must hold 1 byte or more and end within the size");
  }
  services_.files.write_at(attachment.id, offset, request.body);
  AttachmentRow now = attachment;
  now.received = offset + length;
  if (now.complete() && !file_matches(now.content_type, services_.files.path_of(now.id))) {
    services_.files.remove(now.id);
    services_.attachments.remove(now.id);
    throw RequestError(ErrorCode::bad_request, "the file is not " + now.content_type);
  }
  services_.attachments.set_received(now.id, now.received);
  return with_attachment(200, now);
}

HttpResponse AttachmentEndpoint::download(const AttachmentRow& attachment, const HttpRequest& request) {
  if (!attachment.complete()) throw RequestError(ErrorCode::conflict, "the upload is not complete");
  // Built by appending: GCC 12 at -O2 warns (-Wrestrict, a false positive) on "\"" + id + "\"".
  std::string etag(1, '"');
  etag += format_id(kAttachmentId, attachment.id);
  etag += '"';
  HttpResponse response;
  if (etag_matches(request.if_none_match, etag)) {
    response.status = 304;
  } else {
    response.content_type = attachment.content_type;
    response.body_file = services_.files.path_of(attachment.id);  // streamed, not read whole
  }
  response.headers.emplace_back("etag", etag);
  // An attachment never changes: a device may keep it for good, but only for its user.
  response.headers.emplace_back("cache-control", "private, max-age=31536000, immutable");
  response.headers.emplace_back("content-disposition", disposition(attachment));
  response.headers.emplace_back("x-content-type-options", "nosniff");
  response.headers.emplace_back("content-security-policy", "default-src 'none'; sandbox");
  return response;
}

}  // namespace parley::server
