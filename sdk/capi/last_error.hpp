#pragma once
// The thread-local detail message behind parley_last_error_message(). Fixed storage, so that
// recording a failure (even out-of-memory) never allocates and never throws.
#include <string_view>

namespace parley::capi {

// Records "function: message", truncated on a UTF-8 boundary if it is very long.
void set_last_error(std::string_view function, std::string_view message) noexcept;
void clear_last_error() noexcept;
const char* last_error() noexcept;

}  // namespace parley::capi
