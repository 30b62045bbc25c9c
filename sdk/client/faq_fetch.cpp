#include "client/faq_fetch.hpp"

#include "client/faq_sync.hpp"
#include "client/wire_values.hpp"
#include "protocol/error_code.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::client {
namespace {

using protocol::Json;

ErrorCode code_of_status(long status) {
  switch (status) {
    case 400: return ErrorCode::bad_request;
    case 401: return ErrorCode::unauthorized;
    case 403: return ErrorCode::forbidden;
    case 404: return ErrorCode::not_found;
    case 413: return ErrorCode::too_large;
    case 429: return ErrorCode::rate_limited;
    default: return status >= 500 ? ErrorCode::unavailable : ErrorCode::bad_request;
  }
}

// The server's {"error":{"code","message"}}, or what the status says.
Error error_of(const transport::HttpResult& result) {
  const std::string status = "HTTP " + std::to_string(result.status);
  const Json body = Json::parse(result.body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const auto& error = body["error"];
    const auto code = error.value("code", std::string());
    const auto message = error.value("message", std::string());
    if (!code.empty()) {
      return Error{to_public(protocol::error_code_from_string(code)), message + " (" + status + ")"};
    }
  }
  return Error{code_of_status(result.status), "the FAQ server answered " + status};
}

}  // namespace

transport::HttpGet faq_request(const std::string& faq_url, std::int64_t since_version,
                               const std::string& etag, const std::string& token,
                               std::chrono::milliseconds timeout) {
  transport::HttpGet get;
  get.url = faq_url + (faq_url.find('?') == std::string::npos ? "?" : "&") +
            "since_version=" + std::to_string(since_version);
  get.headers.push_back("Accept: application/json");
  if (!token.empty()) get.headers.push_back("Authorization: Bearer " + token);
  // The ETag names the version we hold; without stored articles there is nothing to keep.
  if (since_version > 0 && !etag.empty()) get.headers.push_back("If-None-Match: " + etag);
  get.timeout = timeout;
  return get;
}

std::variant<Event, Error> apply_faq_fetch(store::Store& store, FaqLibrary& library,
                                           std::int64_t since_version,
                                           const transport::HttpResult& result) {
  if (result.status == 0) {
    return Error{result.cancelled ? ErrorCode::closed : ErrorCode::disconnected,
                 "the FAQ could not be fetched: " + result.failure};
  }
  if (result.status == 304) {
    Event event;
    event.type = EventType::faq_synced;
    event.version = store.meta().faq_version();
    return event;
  }
  if (result.status != 200) return error_of(result);
  try {
    return apply_faq_sync(store, library, since_version, Json::parse(result.body), result.etag);
  } catch (const Json::exception& e) {
    return Error{ErrorCode::bad_request, std::string("the server sent a malformed catalogue: ") + e.what()};
  } catch (const WireValueError& e) {
    return Error{ErrorCode::bad_request, std::string("the server sent a malformed catalogue: ") + e.what()};
  } catch (const sqlite::SqliteError& e) {
    return Error{e.is_busy() ? ErrorCode::unavailable : ErrorCode::internal,
                 std::string("the local store failed: ") + e.what()};
  }
}

}  // namespace parley::client
