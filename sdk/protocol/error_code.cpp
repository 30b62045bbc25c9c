#include "protocol/error_code.hpp"

#include <array>
#include <utility>

namespace parley::protocol {
namespace {
constexpr std::array<std::pair<ErrorCode, std::string_view>, 10> kNames{{
    {ErrorCode::bad_request, "bad_request"},
    {ErrorCode::unauthorized, "unauthorized"},
    {ErrorCode::token_expired, "token_expired"},
    {ErrorCode::forbidden, "forbidden"},
    {ErrorCode::not_found, "not_found"},
    {ErrorCode::too_large, "too_large"},
    {ErrorCode::rate_limited, "rate_limited"},
    {ErrorCode::conflict, "conflict"},
    {ErrorCode::unavailable, "unavailable"},
    {ErrorCode::internal, "internal"},
}};
}  // namespace

std::string_view to_string(ErrorCode code) noexcept {
  for (const auto& [c, name] : kNames) {
    if (c == code) return name;
  }
  return "internal";
}

ErrorCode error_code_from_string(std::string_view text) noexcept {
  for (const auto& [c, name] : kNames) {
    if (name == text) return c;
  }
  return ErrorCode::internal;
}

bool is_retryable(ErrorCode code) noexcept {
  return code == ErrorCode::rate_limited || code == ErrorCode::unavailable ||
         code == ErrorCode::internal;
}

}  // namespace parley::protocol
