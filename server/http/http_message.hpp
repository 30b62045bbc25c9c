#pragma once
// An HTTP request as the server's endpoints see it, and the response they give. The
// libwebsockets glue (http_exchanges) reads the one from the connection and writes the other.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/error_code.hpp"
#include "protocol/frame.hpp"

namespace parley::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string path;    // "/v1/faq", without the query
  std::map<std::string, std::string, std::less<>> query;  // decoded; a repeated name keeps the last
  // The headers the endpoints use; empty when absent.
  std::string authorization;
  std::string if_none_match;
  std::string accept_encoding;
  std::string body;  // of POST, PUT and PATCH

  std::optional<std::string> query_value(std::string_view name) const;
  // The token of "Authorization: Bearer <token>"; empty when there is none.
  std::string bearer_token() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // empty: no body
  std::vector<std::pair<std::string, std::string>> headers;  // names in lowercase
  std::string body;
  // A body shared with other responses (a cached catalogue), sent as it is: already
  // compressed if the headers say so. When set, `body` is not used.
  std::shared_ptr<const std::string> shared_body;
  // A file sent as it is, read a piece at a time as the socket takes it (an attachment): when
  // set, neither `body` nor `shared_body` is used.
  std::string body_file;
};

HttpResponse json_response(int status, const protocol::Json& body);
// {"error":{"code":…,"message":…}} with the status that fits the code (401, 403, 404, …), as
// the WebSocket's `err` frames carry it.
HttpResponse error_response(protocol::ErrorCode code, std::string_view message);
int http_status_of(protocol::ErrorCode code) noexcept;
// Whether an If-None-Match header (one or more entity tags, weak ones too, or "*") names
// `etag` (quoted, as sent in ETag).
bool etag_matches(std::string_view if_none_match, std::string_view etag) noexcept;

}  // namespace parley::server
