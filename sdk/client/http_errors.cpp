#include "client/http_errors.hpp"

#include "client/wire_values.hpp"
#include "protocol/error_code.hpp"

namespace parley::client {
namespace {

ErrorCode code_of_status(long status) {
  switch (status) {
    case 400: return ErrorCode::bad_request;
    case 401: return ErrorCode::unauthorized;
    case 403: return ErrorCode::forbidden;
    case 404: return ErrorCode::not_found;
    case 409: return ErrorCode::conflict;
    case 413: return ErrorCode::too_large;
    case 429: return ErrorCode::rate_limited;
    default: return status >= 500 ? ErrorCode::unavailable : ErrorCode::bad_request;
  }
}

}  // namespace

Error http_error(const transport::HttpResult& result, std::string_view what) {
  const std::string status = "HTTP " + std::to_string(result.status);
  const protocol::Json body = protocol::Json::parse(result.body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const auto& error = body["error"];
    const auto code = error.value("code", std::string());
    const auto message = error.value("message", std::string());
    if (!code.empty()) {
      return Error{to_public(protocol::error_code_from_string(code)), message + " (" + status + ")"};
    }
  }
  return Error{code_of_status(result.status), std::string(what) + " answered " + status};
}

}  // namespace parley::client
