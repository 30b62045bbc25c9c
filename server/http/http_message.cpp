#include "http/http_message.hpp"

namespace parley::server {

std::optional<std::string> HttpRequest::query_value(std::string_view name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string HttpRequest::bearer_token() const {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {  // the scheme is case-insensitive
    const char c = authorization[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) return {};
  }
  const auto start = authorization.find_first_not_of(' ', kScheme.size());
  const auto end = authorization.find_last_not_of(' ');
  return start == std::string::npos ? std::string() : authorization.substr(start, end - start + 1);
}

HttpResponse json_response(int status, const protocol::Json& body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = body.dump(-1, ' ', false, protocol::Json::error_handler_t::replace);
  return response;
}

int http_status_of(protocol::ErrorCode code) noexcept {
  using protocol::ErrorCode;
  switch (code) {
    case ErrorCode::bad_request: return 400;
    case ErrorCode::unauthorized:
    case ErrorCode::token_expired: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

HttpResponse error_response(protocol::ErrorCode code, std::string_view message) {
  auto response = json_response(
      http_status_of(code),
      {{"error", {{"code", protocol::to_string(code)}, {"message", std::string(message)}}}});
  if (response.status == 401) response.headers.emplace_back("www-authenticate", "Bearer");
  return response;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) noexcept {
  if (if_none_match == "*") return true;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    auto tag = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // weak comparison, as RFC 9110 asks here
    if (tag == etag) return true;
  }
  return false;
}

}  // namespace parley::server
