#include "capi/last_error.hpp"

#include <cstring>

#include "protocol/utf8.hpp"

namespace parley::capi {
namespace {

constexpr std::size_t kCapacity = 1024;
thread_local char tls_message[kCapacity] = "";

// Appends as much of `text` as fits (whole UTF-8 sequences only); returns the new length.
std::size_t append(std::size_t length, std::string_view text) noexcept {
  const std::size_t room = kCapacity - 1 - length;
  const std::size_t n = protocol::utf8_prefix_length(text, room);
  std::memcpy(tls_message + length, text.data(), n);
  return length + n;
}

}  // namespace

void set_last_error(std::string_view function, std::string_view message) noexcept {
  std::size_t length = append(0, function);
  length = append(length, ": ");
  length = append(length, message.empty() ? std::string_view("failed") : message);
  tls_message[length] = '\0';
}

void clear_last_error() noexcept { tls_message[0] = '\0'; }

const char* last_error() noexcept { return tls_message; }

}  // namespace parley::capi
