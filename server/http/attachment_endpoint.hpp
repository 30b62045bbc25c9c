#pragma once
// Attachments over HTTP (docs/protocol.md, "Attachments"), with the token of hello as
// "Authorization: Bearer":
//   POST /v1/attachments                    {"name","content_type","size"} → 201 {"attachment"}
//   PUT  /v1/attachments/at-N?offset=K      the next piece (≤ 1 MiB), at the offset received so far
//   GET  /v1/attachments/at-N/status        {"attachment"}: how much has arrived (to resume)
//   GET  /v1/attachments/at-N               the file, once complete
// Only the uploader may upload; once the attachment is linked to a message or a ticket
// comment, the conversation's or ticket's user and every agent may read it; anyone else gets
// not_found, as on the WebSocket. An upload not attached to anything within 7 days of its
// start is deleted (swept as new uploads start).
#include <cstdint>
#include <string_view>

#include "handlers/services.hpp"
#include "http/http_message.hpp"

namespace parley::server {

// Whether `caller` may see the attachment (its status and its bytes).
bool may_read_attachment(Services& services, const Principal& caller, const AttachmentRow& attachment);

inline constexpr std::int64_t kUnattachedLifetimeMs = 7LL * 24 * 60 * 60 * 1000;

class AttachmentEndpoint {
 public:
  explicit AttachmentEndpoint(Services& services) : services_(services) {}
  static bool handles(std::string_view path) { return path.starts_with("/v1/attachments"); }
  HttpResponse serve(const HttpRequest& request);

 private:
  HttpResponse create(const Principal& caller, const HttpRequest& request);
  HttpResponse upload(const Principal& caller, const AttachmentRow& attachment, const HttpRequest& request);
  HttpResponse download(const AttachmentRow& attachment, const HttpRequest& request);
  void remove_abandoned(std::int64_t now);  // uploads never attached, past their lifetime

  Services& services_;
};

}  // namespace parley::server
