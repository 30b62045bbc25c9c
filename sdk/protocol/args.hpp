#pragma once
// Typed access to a request's "args" with protocol errors for anything missing or invalid.
// Used by the server's handlers; throws ArgError, which the dispatcher turns into an `err`.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "protocol/error_code.hpp"
#include "protocol/frame.hpp"

namespace parley::protocol {

class ArgError : public std::runtime_error {
 public:
  ArgError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

struct TextRule {
  std::size_t max_bytes;
  bool required = true;
  bool non_blank = false;  // must hold something other than white space
};

// A UTF-8 string argument within max_bytes; nullopt only if absent and not required.
std::optional<std::string> text_arg(const Json& args, const char* key, TextRule rule);
// An id argument (request-id alphabet, 1–64 bytes); nullopt only if absent and not required.
std::optional<std::string> id_arg(const Json& args, const char* key, bool required = true);
// A required true/false argument.
bool bool_arg(const Json& args, const char* key);
// A non-negative integer argument; `fallback` when absent. Range-checked.
std::uint64_t uint_arg(const Json& args, const char* key, std::uint64_t fallback,
                       std::uint64_t min, std::uint64_t max);

}  // namespace parley::protocol
