#include "client/faq_fetch.hpp"

#include "client/faq_sync.hpp"
#include "client/http_errors.hpp"
#include "client/wire_values.hpp"
#include "protocol/error_code.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::client {
namespace {

using protocol::Json;

}  // namespace

transport::HttpCall faq_request(const std::string& faq_url, std::int64_t since_version,
                               const std::string& etag, const std::string& token,
                               std::chrono::milliseconds timeout) {
  transport::HttpCall get;
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
  if (result.status != 200) return http_error(result, "the FAQ server");
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
