#pragma once
// The stable error codes of wire protocol v1 (docs/protocol.md, section 1).
#include <optional>
#include <string>
#include <string_view>

namespace parley::protocol {

enum class ErrorCode {
  bad_request,
  unauthorized,
  token_expired,
  forbidden,
  not_found,
  too_large,
  rate_limited,
  conflict,
  unavailable,
  internal,
};

std::string_view to_string(ErrorCode code) noexcept;
// Unknown strings map to ErrorCode::internal, as the protocol requires of clients.
ErrorCode error_code_from_string(std::string_view text) noexcept;
// Whether a request that failed with this code may succeed if sent again unchanged.
bool is_retryable(ErrorCode code) noexcept;

struct WireError {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

}  // namespace parley::protocol
